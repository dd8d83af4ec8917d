#include "api/training/job_definition.h"

#include <nlohmann/json.hpp>

namespace api::training {
namespace {

using Json = nlohmann::json;

std::string text(const Json& object, const char* name, std::string fallback = {}) {
  const auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
}

std::vector<std::string> strings(const Json& object, const char* name) {
  std::vector<std::string> out;
  const auto it = object.find(name);
  if (it == object.end() || !it->is_array()) return out;
  for (const auto& s : *it) {
    if (s.is_string()) out.push_back(s.get<std::string>());
  }
  return out;
}

void read_algorithm(const Json& algorithm, JobDefinition& out) {
  out.training_image = text(algorithm, "TrainingImage");
  out.container_entrypoint = strings(algorithm, "ContainerEntrypoint");
  out.container_arguments = strings(algorithm, "ContainerArguments");
}

void read_channels(const Json& description, const std::string& default_mode, JobDefinition& out) {
  const auto list = description.find("InputDataConfig");
  if (list == description.end() || !list->is_array()) return;
  for (const auto& c : *list) {
    Channel channel;
    channel.name = text(c, "ChannelName");
    channel.input_mode = text(c, "InputMode", default_mode);
    channel.record_wrapper = text(c, "RecordWrapperType", "None");
    if (c.contains("ContentType") && c["ContentType"].is_string()) channel.content_type = c["ContentType"];
    const auto source = c.value("DataSource", Json::object());
    channel.s3_uri = text(source.value("S3DataSource", Json::object()), "S3Uri",
                          text(source.value("FileSystemDataSource", Json::object()), "DirectoryPath"));
    out.channels.push_back(std::move(channel));
  }
}

}  // namespace

capacity_model::Result<JobDefinition, std::string> read_job_definition(std::string_view description_json) {
  const Json description = Json::parse(description_json, nullptr, false);
  if (description.is_discarded() || !description.is_object()) return std::string("the job's description is not JSON");
  JobDefinition out;
  const auto algorithm = description.value("AlgorithmSpecification", Json::object());
  read_algorithm(algorithm, out);
  read_channels(description, text(algorithm, "TrainingInputMode", "File"), out);
  if (const auto c = description.find("CheckpointConfig"); c != description.end() && c->is_object()) {
    out.checkpoint_s3_uri = text(*c, "S3Uri");
    out.checkpoint_local_path = text(*c, "LocalPath", out.checkpoint_local_path);
  }
  if (const auto e = description.find("Environment"); e != description.end() && e->is_object()) {
    for (auto it = e->begin(); it != e->end(); ++it) {
      if (it->is_string()) out.environment[it.key()] = it->get<std::string>();
    }
  }
  return out;
}

}  // namespace api::training
