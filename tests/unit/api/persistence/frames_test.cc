#include "api/persistence/frames.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace api::persistence {
namespace {

const std::vector<std::string> kPayloads = {"{\"kind\":\"start\"}", std::string("a\0b", 3), std::string(70000, 'x'),
                                            "\xff\xfe binary"};

std::vector<std::string> texts(const Frames& frames) { return {frames.payloads.begin(), frames.payloads.end()}; }

std::string framed(const std::vector<std::string>& payloads) {
  std::string out;
  for (const auto& payload : payloads) out += frame(payload);
  return out;
}

TEST(Frames, EachFrameIsLengthCrcAndPayload) {
  // "abc": length 3, CRC-32 0x352441C2, both little-endian.
  EXPECT_EQ(frame("abc"), std::string("\x03\x00\x00\x00\xC2\x41\x24\x35"
                                      "abc",
                                      11));
}

TEST(Frames, SeveralPayloadsComeBackInOrder) {
  const auto bytes = framed(kPayloads);
  const auto frames = read_frames(bytes);
  EXPECT_EQ(texts(frames), kPayloads);
  EXPECT_EQ(frames.whole_bytes, bytes.size());
  EXPECT_FALSE(frames.torn_tail);
  EXPECT_FALSE(frames.corrupt);
}

TEST(Frames, NothingIsNoRecords) {
  const std::string nothing;
  const auto frames = read_frames(nothing);
  EXPECT_TRUE(frames.payloads.empty());
  EXPECT_EQ(frames.whole_bytes, 0u);
  EXPECT_FALSE(frames.torn_tail);
  EXPECT_FALSE(frames.corrupt);
}

// What a crash can leave after the whole records: each is torn, the whole records are kept and
// whole_bytes is where they end.
void expect_torn(const std::string& tail, const std::string& why) {
  const auto whole = framed(kPayloads);
  const auto bytes = whole + tail;
  const auto frames = read_frames(bytes);
  EXPECT_EQ(texts(frames), kPayloads) << why;
  EXPECT_EQ(frames.whole_bytes, whole.size()) << why;
  ASSERT_TRUE(frames.torn_tail) << why;
  EXPECT_FALSE(frames.torn_tail->empty()) << why;
  EXPECT_FALSE(frames.corrupt) << why;
}

TEST(Frames, ATornTailIsReportedAndTheWholeRecordsKept) {
  const auto next = frame("{\"kind\":\"clock\"}");
  expect_torn(next.substr(0, 5), "header cut short");
  expect_torn(next.substr(0, 8), "header without its payload");
  expect_torn(next.substr(0, next.size() - 1), "payload cut short");
  auto bad_crc = next;
  bad_crc[4] = static_cast<char>(bad_crc[4] ^ 0x01);
  expect_torn(bad_crc, "bad CRC on the last record");
  auto zeroed_payload = next;
  for (std::size_t i = 8; i < zeroed_payload.size(); ++i) zeroed_payload[i] = '\0';
  expect_torn(zeroed_payload, "a last record whose payload never reached the disk");
  expect_torn(std::string(4096, '\0'), "trailing zero bytes");
  expect_torn(std::string(3, '\0'), "a few trailing zero bytes");
}

TEST(Frames, TheTornReasonSaysWhatWasWrong) {
  const auto next = frame("{\"kind\":\"clock\"}");
  const auto torn_reason = [](const std::string& bytes) { return *read_frames(bytes).torn_tail; };
  EXPECT_NE(torn_reason(next.substr(0, 5)).find("header cut short"), std::string::npos);
  EXPECT_NE(torn_reason(next.substr(0, 10)).find("cut short"), std::string::npos);
  EXPECT_NE(torn_reason(std::string(16, '\0')).find("16 zero bytes"), std::string::npos);
  auto bad_crc = next;
  bad_crc.back() = 'X';
  EXPECT_NE(torn_reason(bad_crc).find("checksum"), std::string::npos);
}

TEST(Frames, ABadCrcWithRecordsAfterItIsCorrupt) {
  const auto first = frame(kPayloads[0]);
  auto second = frame(kPayloads[1]);
  second[9] = static_cast<char>(second[9] ^ 0x20);  // a payload byte flipped
  const auto bytes = first + second + frame(kPayloads[2]);
  const auto frames = read_frames(bytes);
  ASSERT_TRUE(frames.corrupt);
  EXPECT_NE(frames.corrupt->find("at byte " + std::to_string(first.size())), std::string::npos) << *frames.corrupt;
  EXPECT_FALSE(frames.torn_tail);
  EXPECT_EQ(texts(frames), std::vector<std::string>{kPayloads[0]});
  EXPECT_EQ(frames.whole_bytes, first.size());
}

TEST(Frames, ADamagedLengthWithRecordsAfterItIsCorrupt) {
  const auto first = frame(kPayloads[0]);
  auto second = frame(kPayloads[1]);
  second[3] = static_cast<char>(0x40);  // the length's high byte: ~1 GiB, past the end
  const auto bytes = first + second + frame(kPayloads[2]);
  const auto frames = read_frames(bytes);
  ASSERT_TRUE(frames.corrupt);
  EXPECT_NE(frames.corrupt->find("at byte " + std::to_string(first.size())), std::string::npos) << *frames.corrupt;
  EXPECT_FALSE(frames.torn_tail);
  EXPECT_EQ(texts(frames), std::vector<std::string>{kPayloads[0]});
}

TEST(Frames, AJsonRecordCutAnywhereIsTorn) {
  // The search for a whole record after a length that overruns must not find one inside a
  // journal record's own text, wherever the write stopped.
  const auto first = frame(kPayloads[0]);
  const auto last = frame(R"({"kind":"request","mark":{"ms":5000,"eventsRun":12},"body":"{\"A\":[1,2,3]}"})");
  for (std::size_t cut = 1; cut < last.size(); ++cut) {
    const auto bytes = first + last.substr(0, cut);
    const auto frames = read_frames(bytes);
    EXPECT_TRUE(frames.torn_tail) << "cut at " << cut;
    EXPECT_FALSE(frames.corrupt) << "cut at " << cut << ": " << *frames.corrupt;
  }
}

TEST(Frames, AZeroHeaderWithDataAfterItIsCorrupt) {
  const auto first = frame(kPayloads[0]);
  const auto bytes = first + std::string(8, '\0') + frame(kPayloads[1]);
  const auto frames = read_frames(bytes);
  ASSERT_TRUE(frames.corrupt);
  EXPECT_NE(frames.corrupt->find("at byte " + std::to_string(first.size())), std::string::npos) << *frames.corrupt;
  EXPECT_FALSE(frames.torn_tail);
  EXPECT_EQ(texts(frames), std::vector<std::string>{kPayloads[0]});
}

}  // namespace
}  // namespace api::persistence
