#include "api/training/job_folder.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "api/training/archive.h"

namespace api::training {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using capacity_model::Done;
using capacity_model::Status;

constexpr const char* kHost = "algo-1";

// One host, whatever InstanceCount says: the emulator runs one process per job.
Json resource_config(const RunContext& run) {
  return {{"current_host", kHost},
          {"current_instance_type", run.instance_type},
          {"current_group_name", "homogeneousCluster"},
          {"hosts", {kHost}},
          {"instance_groups",
           {{{"instance_group_name", "homogeneousCluster"}, {"instance_type", run.instance_type}, {"hosts", {kHost}}}}},
          {"network_interface_name", "eth0"}};
}

Json input_data_config(const RunContext& run) {
  Json out = Json::object();
  for (const auto& c : run.definition.channels) {
    Json channel = {{"TrainingInputMode", c.input_mode},
                    {"S3DistributionType", "FullyReplicated"},
                    {"RecordWrapperType", c.record_wrapper}};
    if (c.content_type) channel["ContentType"] = *c.content_type;
    out[c.name] = std::move(channel);
  }
  return out;
}

Status<std::string> write_json(const fs::path& file, const Json& doc) {
  std::ofstream out(file, std::ios::binary);
  out << doc.dump();
  if (!out) return "cannot write " + file.string();
  return Done{};
}

Status<std::string> write_config(const JobPaths& local, const JobPaths& seen_as, const RunContext& run) {
  Json hyperparameters = Json::object();
  for (const auto& [k, v] : run.hyperparameters) hyperparameters[k] = v;
  const std::pair<const char*, Json> files[] = {
      {"hyperparameters.json", hyperparameters},
      {"resourceconfig.json", resource_config(run)},
      {"inputdataconfig.json", input_data_config(run)},
  };
  for (const auto& [name, doc] : files) {
    if (auto done = write_json(local.config() / name, doc); !done) return done;
  }
  if (!run.definition.checkpoint_s3_uri) return Done{};
  return write_json(local.config() / "checkpointconfig.json",
                    {{"LocalPath", seen_as.checkpoint_dir.string()}, {"S3Uri", *run.definition.checkpoint_s3_uri}});
}

// A channel as SageMaker's download fills it. CreateTrainingJob already refused an empty prefix
// in a bucket the store knows; this catches objects deleted since. A bucket the store has never
// held gives an empty channel, not a failure: nobody could have filled it.
Status<std::string> fetch_channel(const object_store::ObjectStore& store, const Channel& channel,
                                  const fs::path& into) {
  const auto location = object_store::ObjectStore::parse_s3_uri(channel.s3_uri);
  if (location && !fs::exists(store.root() / location->bucket)) return Done{};
  auto copied = store.download(channel.s3_uri, into);
  if (copied) return Done{};
  if (!location) return "ClientError: Data download failed: channel " + channel.name + ": " + copied.error();
  return "ClientError: Data download failed:No S3 objects found under S3 URL \"" + channel.s3_uri +
         "\" given in input data source. Please ensure that the bucket exists in the selected region, that "
         "objects exist under that S3 prefix, and that the role has \"s3:ListBucket\" permissions on bucket \"" +
         location->bucket + "\".";
}

Status<std::string> fetch(const object_store::ObjectStore& store, const RunContext& run, const JobPaths& local) {
  for (const auto& c : run.definition.channels) {
    if (auto fetched = fetch_channel(store, c, local.data() / c.name); !fetched) return fetched;
  }
  // Checkpoints come back at every start; a first start finds none, which is no error.
  if (run.definition.checkpoint_s3_uri) (void)store.download(*run.definition.checkpoint_s3_uri, local.checkpoint_dir);
  if (!run.toolkit.submit_directory) return Done{};
  const auto& source = *run.toolkit.submit_directory;
  const fs::path staged = local.base / ".source";
  auto copied = store.download(source, staged);
  if (!copied) return "sagemaker_submit_directory " + source + ": " + copied.error();
  for (const auto& entry : fs::directory_iterator(staged)) {
    const auto name = entry.path().filename().string();
    if (entry.is_regular_file() && name.size() > 7 && name.ends_with(".tar.gz")) {
      if (auto unpacked = unpack_tar_gz(entry.path(), local.code()); !unpacked) return unpacked;
    } else {
      fs::copy(entry.path(), local.code() / name, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    }
  }
  fs::remove_all(staged);
  return Done{};
}

}  // namespace

Status<std::string> prepare_job_folder(const JobPaths& local, const JobPaths& seen_as, const RunContext& run,
                                       const object_store::ObjectStore& store) {
  try {
    fs::remove_all(local.base);
    for (const auto& dir :
         {local.config(), local.data(), local.model(), local.output_data(), local.checkpoint_dir, local.code()}) {
      fs::create_directories(dir);
    }
    if (auto written = write_config(local, seen_as, run); !written) return written;
    return fetch(store, run, local);
  } catch (const std::exception& e) {
    return std::string("job folder ") + local.base.string() + ": " + e.what();
  }
}

std::vector<std::string> job_environment(const RunContext& run, const JobPaths& seen_as,
                                         const std::map<std::string, std::string>& base) {
  std::map<std::string, std::string> env = base;
  for (const auto& [k, v] : run.definition.environment) env[k] = v;
  Json channels = Json::array();
  for (const auto& c : run.definition.channels) {
    channels.push_back(c.name);
    auto name = c.name;
    for (auto& ch : name) ch = char(std::toupper(static_cast<unsigned char>(ch)));
    env["SM_CHANNEL_" + name] = (seen_as.data() / c.name).string();
  }
  const auto cpus = std::max(1u, std::thread::hardware_concurrency());
  const std::pair<std::string, std::string> job[] = {
      {"TRAINING_JOB_NAME", run.job_name},
      {"TRAINING_JOB_ARN", run.job_arn},
      {"AWS_REGION", run.region},
      {"SM_MODEL_DIR", seen_as.model().string()},
      {"SM_CHANNELS", channels.dump()},
      {"SM_CURRENT_HOST", kHost},
      {"SM_HOSTS", Json::array({kHost}).dump()},
      {"SM_CURRENT_INSTANCE_TYPE", run.instance_type},
      {"SM_NETWORK_INTERFACE_NAME", "eth0"},
      {"SM_NUM_CPUS", std::to_string(cpus)},
      {"SM_NUM_GPUS", "0"},
      {"SM_LOG_LEVEL", "20"},
      {"SM_INPUT_DIR", (seen_as.base / "input").string()},
      {"SM_INPUT_CONFIG_DIR", seen_as.config().string()},
      {"SM_OUTPUT_DIR", seen_as.output().string()},
      {"SM_OUTPUT_DATA_DIR", seen_as.output_data().string()},
      {"SM_OUTPUT_INTERMEDIATE_DIR", (seen_as.output() / "intermediate").string()},
      {"SM_RESOURCE_CONFIG", resource_config(run).dump()},
      {"SM_INPUT_DATA_CONFIG", input_data_config(run).dump()},
  };
  for (const auto& [k, v] : job) env[k] = v;
  for (const auto& [k, v] : run.toolkit.environment) env[k] = v;
  if (run.toolkit.program) {
    const auto& program = *run.toolkit.program;
    env["SM_USER_ENTRY_POINT"] = program;
    env["SM_MODULE_NAME"] = program.ends_with(".py") ? program.substr(0, program.size() - 3) : program;
    env["SM_MODULE_DIR"] = run.toolkit.submit_directory.value_or("");
    env["PYTHONPATH"] = seen_as.code().string();
  }
  std::vector<std::string> out;
  for (const auto& [k, v] : env) out.push_back(k + "=" + v);
  return out;
}

}  // namespace api::training
