#include "api/persistence/state_folder.h"

#include <gtest/gtest.h>

#include "api/persistence/frames.h"
#include "tests/support/scratch_folder.h"

namespace api::persistence {
namespace {

using Json = nlohmann::json;
using test_support::read_file;
using test_support::ScratchFolder;
using test_support::write_file;
namespace fs = std::filesystem;

const Provenance kProvenance = provenance_of("1.2.3", "scenario.json", "{\"seed\": 7}");

std::vector<Record> some_records() {
  RequestRecord request{emulator::sim::Mark{emulator::sim::SimTime(5000), 3},
                        {"POST", "/", {{"X-Amz-Target", "SageMaker.CreateHyperParameterTuningJob"}}, "{\"a\":1}"}};
  return {WorldStart{7, 1700000000000, emulator::sim::ClockMode::Manual, 60}, request,
          ClockRecord{emulator::sim::Mark{emulator::sim::SimTime(9000), 5}},
          SessionRecord{"ASIAKEY",
                        {"123456789012", "arn:aws:sts::123456789012:assumed-role/r/s", "AROA:s", "sk", "tok", {}}}};
}

std::vector<Json> as_json(const std::vector<Record>& records) {
  std::vector<Json> out;
  for (const auto& record : records) out.push_back(to_json(record));
  return out;
}

// A folder as open_state_folder leaves it, with `journal` as its journal's bytes.
void make_folder(const fs::path& folder, const std::string& journal) {
  ASSERT_TRUE(open_state_folder(folder, kProvenance));
  write_file(folder / kJournalFile, journal);
}

void expect_refused(const fs::path& folder, const std::string& why) {
  const auto opened = open_state_folder(folder, kProvenance);
  ASSERT_FALSE(opened) << why;
  EXPECT_NE(opened.error().find(folder.string()), std::string::npos) << opened.error();
  EXPECT_NE(opened.error().find(why), std::string::npos) << opened.error();
}

TEST(StateFolder, ProvenanceHoldsTheSha256OfTheScenarioText) {
  const auto provenance = provenance_of("1.0", "s.json", "abc");
  EXPECT_EQ(provenance.scenario_sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(provenance.emulator_version, "1.0");
  EXPECT_EQ(provenance.scenario_name, "s.json");
  EXPECT_EQ(provenance_of("1.0", "s.json", "").scenario_sha256,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(StateFolder, ANewFolderIsMadeWithItsManifest) {
  ScratchFolder temp{"persistence-test"};
  const auto folder = temp.path() / "not" / "yet";
  const auto opened = open_state_folder(folder, kProvenance);
  ASSERT_TRUE(opened) << opened.error();
  EXPECT_TRUE(opened->created);
  EXPECT_TRUE(opened->records.empty());
  EXPECT_FALSE(opened->torn);
  const auto manifest = Json::parse(read_file(folder / kManifestFile));
  EXPECT_EQ(manifest["format"], "amt-emulator-state");
  EXPECT_EQ(manifest["formatVersion"], kFormatVersion);
  EXPECT_EQ(manifest["writtenBy"], "amt-emulator 1.2.3");
  EXPECT_EQ(manifest["scenario"]["name"], "scenario.json");
  EXPECT_EQ(manifest["scenario"]["sha256"], kProvenance.scenario_sha256);
  EXPECT_FALSE(fs::exists(folder / (std::string(kManifestFile) + ".new")));
}

TEST(StateFolder, AnEmptyFolderIsNewToo) {
  ScratchFolder temp{"persistence-test"};
  const auto opened = open_state_folder(temp.path(), kProvenance);
  ASSERT_TRUE(opened) << opened.error();
  EXPECT_TRUE(opened->created);
  EXPECT_TRUE(fs::exists(temp.path() / kManifestFile));
}

TEST(StateFolder, ReopeningGivesTheJournalsRecords) {
  ScratchFolder temp{"persistence-test"};
  make_folder(temp.path(), framed_records(some_records()));
  const auto opened = open_state_folder(temp.path(), kProvenance);
  ASSERT_TRUE(opened) << opened.error();
  EXPECT_FALSE(opened->created);
  EXPECT_FALSE(opened->torn);
  EXPECT_EQ(as_json(opened->records), as_json(some_records()));
}

TEST(StateFolder, AFolderInUseIsRefusedUntilItIsLetGo) {
  ScratchFolder temp{"persistence-test"};
  {
    const auto first = open_state_folder(temp.path(), kProvenance);
    ASSERT_TRUE(first) << first.error();
    expect_refused(temp.path(), "in use by another amt-emulator");
  }
  EXPECT_TRUE(open_state_folder(temp.path(), kProvenance));
}

TEST(StateFolder, AFolderWithAManifestAndNoJournalYetHasNoRecords) {
  ScratchFolder temp{"persistence-test"};
  ASSERT_TRUE(open_state_folder(temp.path(), kProvenance));
  const auto opened = open_state_folder(temp.path(), kProvenance);
  ASSERT_TRUE(opened) << opened.error();
  EXPECT_FALSE(opened->created);
  EXPECT_TRUE(opened->records.empty());
}

TEST(StateFolder, AnotherFormatVersionIsRefused) {
  ScratchFolder temp{"persistence-test"};
  make_folder(temp.path(), framed_records(some_records()));
  auto manifest = header_json(kProvenance);
  manifest["formatVersion"] = kFormatVersion + 1;
  write_file(temp.path() / kManifestFile, manifest.dump());
  expect_refused(temp.path(), "version " + std::to_string(kFormatVersion + 1));
}

TEST(StateFolder, AnotherScenarioIsRefused) {
  ScratchFolder temp{"persistence-test"};
  ASSERT_TRUE(open_state_folder(temp.path(), provenance_of("1.2.3", "other.json", "{\"seed\": 8}")));
  expect_refused(temp.path(), "another scenario (other.json");
}

TEST(StateFolder, AManifestThatDoesNotParseIsRefused) {
  ScratchFolder temp{"persistence-test"};
  make_folder(temp.path(), "");
  write_file(temp.path() / kManifestFile, "{\"format\": ");
  expect_refused(temp.path(), "does not parse");
}

TEST(StateFolder, AManifestOfTheWrongShapeIsRefused) {
  ScratchFolder temp{"persistence-test"};
  make_folder(temp.path(), "");
  for (const auto* text : {"[]", "{\"format\": 1}", "{\"format\": \"other\"}"}) {
    write_file(temp.path() / kManifestFile, text);
    expect_refused(temp.path(), "is not an amt-emulator state");
  }
}

TEST(StateFolder, AFolderOfOtherFilesIsRefusedAndLeftAlone) {
  ScratchFolder temp{"persistence-test"};
  write_file(temp.path() / "notes.txt", "mine");
  expect_refused(temp.path(), "no " + std::string(kManifestFile));
  EXPECT_FALSE(fs::exists(temp.path() / kManifestFile));
  EXPECT_EQ(read_file(temp.path() / "notes.txt"), "mine");
}

TEST(StateFolder, ATornLastRecordIsDroppedReportedAndCutOffTheFile) {
  ScratchFolder temp{"persistence-test"};
  const auto whole = framed_records(some_records());
  const auto next = frame(to_json(ClockRecord{emulator::sim::Mark{emulator::sim::SimTime(10000), 6}}).dump());
  make_folder(temp.path(), whole + next.substr(0, next.size() - 3));
  {
    const auto opened = open_state_folder(temp.path(), kProvenance);
    ASSERT_TRUE(opened) << opened.error();
    ASSERT_TRUE(opened->torn);
    EXPECT_NE(opened->torn->find("cut short"), std::string::npos) << *opened->torn;
    EXPECT_EQ(as_json(opened->records), as_json(some_records()));
    EXPECT_EQ(fs::file_size(temp.path() / kJournalFile), whole.size());
    EXPECT_EQ(read_file(temp.path() / kJournalFile), whole);
  }  // the folder is let go, as when a process ends

  const auto again = open_state_folder(temp.path(), kProvenance);
  ASSERT_TRUE(again) << again.error();
  EXPECT_FALSE(again->torn);
  EXPECT_EQ(again->records.size(), some_records().size());
}

TEST(StateFolder, TrailingZerosAreCutOffTheFile) {
  ScratchFolder temp{"persistence-test"};
  const auto whole = framed_records(some_records());
  make_folder(temp.path(), whole + std::string(4096, '\0'));
  const auto opened = open_state_folder(temp.path(), kProvenance);
  ASSERT_TRUE(opened) << opened.error();
  EXPECT_TRUE(opened->torn);
  EXPECT_EQ(fs::file_size(temp.path() / kJournalFile), whole.size());
}

TEST(StateFolder, ACorruptMiddleRecordIsRefused) {
  ScratchFolder temp{"persistence-test"};
  auto journal = framed_records(some_records());
  const auto first = frame(to_json(some_records()[0]).dump()).size();
  journal[first + 10] = static_cast<char>(journal[first + 10] ^ 0x01);  // in the second record's payload
  make_folder(temp.path(), journal);
  expect_refused(temp.path(), "damaged");
  EXPECT_EQ(read_file(temp.path() / kJournalFile), journal);  // refused, not repaired
}

TEST(StateFolder, BytesAfterTheLastWholeRecordThatNoCrashWritesAreRefused) {
  ScratchFolder temp{"persistence-test"};
  const auto whole = framed_records(some_records());
  std::string garbage(4096, '\0');
  for (std::size_t i = 0; i < garbage.size(); ++i) garbage[i] = static_cast<char>((i * 2654435761u) >> 13);
  // A header promising more than the file holds, then text that is no JSON record.
  const auto overrunning = frame(std::string(1000, 'x')).substr(0, kFrameHeaderBytes) + "\x01 binary";
  for (const auto& tail : {garbage, overrunning}) {
    make_folder(temp.path(), whole + tail);
    expect_refused(temp.path(), "damaged");
    EXPECT_EQ(read_file(temp.path() / kJournalFile), whole + tail);  // refused, not cut
    fs::remove_all(temp.path());
  }
}

TEST(StateFolder, ARecordCutShortAndFollowedByZerosIsTorn) {
  ScratchFolder temp{"persistence-test"};
  const auto whole = framed_records(some_records());
  const auto next = frame(to_json(ClockRecord{emulator::sim::Mark{emulator::sim::SimTime(10000), 6}}).dump());
  make_folder(temp.path(), whole + next.substr(0, 20) + std::string(512, '\0'));
  const auto opened = open_state_folder(temp.path(), kProvenance);
  ASSERT_TRUE(opened) << opened.error();
  EXPECT_TRUE(opened->torn);
  EXPECT_EQ(read_file(temp.path() / kJournalFile), whole);
}

TEST(StateFolder, ARecordThatDoesNotParseIsRefused) {
  ScratchFolder temp{"persistence-test"};
  const auto records = some_records();
  make_folder(temp.path(), frame(to_json(records[0]).dump()) + frame("{\"kind\":\"request\"}") + frame("not json"));
  expect_refused(temp.path(), "record 2 does not parse (member 'mark' is missing)");
}

TEST(StateFolder, AJournalThatDoesNotBeginWithTheStartIsRefused) {
  ScratchFolder temp{"persistence-test"};
  auto records = some_records();
  std::swap(records[0], records[2]);
  make_folder(temp.path(), framed_records(records));
  expect_refused(temp.path(), "the first record is neither the world's start nor a snapshot");
}

TEST(StateFolder, CheckHeaderAcceptsItsOwnHeader) {
  EXPECT_TRUE(check_header(header_json(kProvenance), kProvenance, "The document"));
}

void expect_header_refused(const Json& header, const std::vector<std::string>& named) {
  const auto checked = check_header(header, kProvenance, "The document");
  ASSERT_FALSE(checked) << header.dump();
  for (const auto& part : named) EXPECT_NE(checked.error().find(part), std::string::npos) << checked.error();
}

TEST(StateFolder, CheckHeaderSaysWhatDiffers) {
  auto header = header_json(kProvenance);
  header["format"] = "tar";
  expect_header_refused(header, {"The document is not an amt-emulator state", "\"format\""});

  header = header_json(kProvenance);
  header["formatVersion"] = 9;
  header["writtenBy"] = "amt-emulator 9.0";
  expect_header_refused(header, {"The document has state format version 9", "written by amt-emulator 9.0",
                                 "amt-emulator 1.2.3 reads version " + std::to_string(kFormatVersion)});
  header.erase("formatVersion");
  expect_header_refused(header, {"version none"});
  header["formatVersion"] = "1";
  expect_header_refused(header, {"version \"1\""});

  const auto other = provenance_of("1.2.3", "big.json", "{}");
  expect_header_refused(header_json(other), {"The document was written with another scenario", "big.json",
                                             other.scenario_sha256, "scenario.json", kProvenance.scenario_sha256});
  header = header_json(kProvenance);
  header.erase("scenario");
  expect_header_refused(header, {"another scenario"});
}

TEST(StateFolder, CheckHeaderRefusesMembersOfTheWrongTypeWithoutThrowing) {
  for (const auto& text :
       {R"({"format": 1})", R"({"format": "amt-emulator-state", "formatVersion": 2, "writtenBy": 5})",
        R"({"format": "amt-emulator-state", "formatVersion": 1, "scenario": {"sha256": 5}})",
        R"({"format": "amt-emulator-state", "formatVersion": 1, "scenario": {"name": 5}})"}) {
    const auto header = Json::parse(text);
    EXPECT_NO_THROW({
      const auto checked = check_header(header, kProvenance, "The document");
      EXPECT_FALSE(checked) << text;
    }) << text;
  }
}

}  // namespace
}  // namespace api::persistence
