#include "api/training/archive.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "api/training/gzip_stream.h"
#include "api/training/tar_header.h"
#include "tests/support/scratch_folder.h"

namespace api::training {
namespace {

namespace fs = std::filesystem;

using test_support::read_file;
using test_support::write_file;

// Every regular file under `folder` by relative path, with its content; directories as "<dir>/".
std::map<std::string, std::string> contents_of(const fs::path& folder) {
  std::map<std::string, std::string> contents;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    std::string name = entry.path().lexically_relative(folder).generic_string();
    if (entry.is_directory()) contents[name + "/"] = "";
    if (entry.is_regular_file()) contents[name] = read_file(entry.path());
  }
  return contents;
}

bool have_command(const std::string& probe) { return std::system((probe + " >/dev/null 2>&1").c_str()) == 0; }

std::string random_bytes(std::size_t size) {
  std::string bytes(size, '\0');
  std::uint32_t state = 12345;
  for (char& byte : bytes) {
    state = state * 1664525u + 1013904223u;  // a fixed LCG: incompressible enough, reproducible
    byte = static_cast<char>(state >> 24);
  }
  return bytes;
}

class ArchiveTest : public ::testing::Test {
 protected:
  ArchiveTest() : dir_(scratch_.path()) {}

  // A folder with nested folders, an empty file and folder, a 150-byte path, a 1 MiB file
  // and an executable.
  fs::path sample_folder() {
    fs::path source = dir_ / "source";
    write_file(source / "train.py", "print('hello')\n");
    write_file(source / "empty.txt", "");
    write_file(source / "nested" / "deeper" / "data.csv", "a,b\n1,2\n");
    write_file(source / long_name(), "long\n");
    write_file(source / "big.bin", random_bytes(1 << 20));
    write_file(source / "run.sh", "#!/bin/sh\necho hi\n");
    fs::permissions(source / "run.sh", fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                           fs::perms::others_read | fs::perms::others_exec);
    fs::create_directories(source / "empty-folder");
    return source;
  }

  // 150 bytes: more than a ustar name field holds.
  static std::string long_name() {
    std::string name = "long-" + std::string(60, 'd') + "/" + std::string(80, 'f');
    name += std::string(150 - name.size() - 4, 'g') + ".txt";
    return name;
  }

  test_support::ScratchFolder scratch_{"archive-test"};
  fs::path dir_;
};

TEST_F(ArchiveTest, RoundTripKeepsFilesFoldersAndModes) {
  fs::path source = sample_folder();
  ASSERT_EQ(long_name().size(), 150u);
  auto packed = pack_tar_gz(source, dir_ / "model.tar.gz");
  ASSERT_TRUE(packed) << packed.error();
  auto unpacked = unpack_tar_gz(dir_ / "model.tar.gz", dir_ / "out");
  ASSERT_TRUE(unpacked) << unpacked.error();

  EXPECT_EQ(contents_of(dir_ / "out"), contents_of(source));
  EXPECT_EQ(fs::file_size(dir_ / "out" / "big.bin"), 1u << 20);
  EXPECT_NE(fs::status(dir_ / "out" / "run.sh").permissions() & fs::perms::owner_exec, fs::perms::none);
  EXPECT_EQ(fs::status(dir_ / "out" / "train.py").permissions() & fs::perms::owner_exec, fs::perms::none);
}

TEST_F(ArchiveTest, SameContentGivesSameBytes) {
  fs::path source = sample_folder();
  ASSERT_TRUE(pack_tar_gz(source, dir_ / "first.tar.gz"));
  // Touching every file changes mtimes only, which the archive does not record.
  for (const auto& entry : fs::recursive_directory_iterator(source)) {
    fs::last_write_time(entry.path(), fs::file_time_type::clock::now() - std::chrono::hours(1));
  }
  ASSERT_TRUE(pack_tar_gz(source, dir_ / "second.tar.gz"));
  EXPECT_EQ(read_file(dir_ / "first.tar.gz"), read_file(dir_ / "second.tar.gz"));
}

TEST_F(ArchiveTest, PythonTarfileReadsMembersRelativeToTheFolder) {
  if (!have_command("python3 -c 'import tarfile'")) GTEST_SKIP() << "python3 is not on PATH";
  fs::path source = sample_folder();
  ASSERT_TRUE(pack_tar_gz(source, dir_ / "model.tar.gz"));
  std::string command = "python3 -c 'import sys, tarfile; print(\"\\n\".join(tarfile.open(sys.argv[1]).getnames()))' " +
                        (dir_ / "model.tar.gz").string() + " > " + (dir_ / "names.txt").string();
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::string expected;
  for (const auto& [name, content] : contents_of(source)) {
    expected += (name.back() == '/' ? name.substr(0, name.size() - 1) : name) + "\n";
  }
  EXPECT_EQ(read_file(dir_ / "names.txt"), expected);  // sorted, no "./", long name whole
}

TEST_F(ArchiveTest, UnpacksWhatPythonTarfileWrites) {
  if (!have_command("python3 -c 'import tarfile'")) GTEST_SKIP() << "python3 is not on PATH";
  fs::path source = sample_folder();
  // As the SageMaker SDK packs sourcedir.tar.gz (fw_utils.tar_and_upload_dir, create_tar_file).
  std::string command =
      "python3 -c 'import os, sys, tarfile\n"
      "with tarfile.open(sys.argv[1], mode=\"w:gz\") as t:\n"
      "    for name in os.listdir(sys.argv[2]): t.add(os.path.join(sys.argv[2], name), arcname=name)' " +
      (dir_ / "sourcedir.tar.gz").string() + " " + source.string();
  ASSERT_EQ(std::system(command.c_str()), 0);
  auto unpacked = unpack_tar_gz(dir_ / "sourcedir.tar.gz", dir_ / "code");
  ASSERT_TRUE(unpacked) << unpacked.error();
  EXPECT_EQ(contents_of(dir_ / "code"), contents_of(source));
}

TEST_F(ArchiveTest, UnpacksWhatGnuTarWrites) {
  if (!have_command("tar --version")) GTEST_SKIP() << "tar is not on PATH";
  fs::path source = sample_folder();
  std::string command = "tar -czf " + (dir_ / "gnu.tar.gz").string() + " -C " + source.string() + " .";
  ASSERT_EQ(std::system(command.c_str()), 0);
  auto unpacked = unpack_tar_gz(dir_ / "gnu.tar.gz", dir_ / "out");
  ASSERT_TRUE(unpacked) << unpacked.error();
  EXPECT_EQ(contents_of(dir_ / "out"), contents_of(source));
}

TEST_F(ArchiveTest, GnuTarReadsWhatWeWrite) {
  if (!have_command("tar --version")) GTEST_SKIP() << "tar is not on PATH";
  fs::path source = sample_folder();
  ASSERT_TRUE(pack_tar_gz(source, dir_ / "model.tar.gz"));
  fs::create_directories(dir_ / "out");
  std::string command = "tar -xzf " + (dir_ / "model.tar.gz").string() + " -C " + (dir_ / "out").string();
  ASSERT_EQ(std::system(command.c_str()), 0);
  EXPECT_EQ(contents_of(dir_ / "out"), contents_of(source));
}

TEST_F(ArchiveTest, RefusesMembersOutsideTheTarget) {
  if (!have_command("python3 -c 'import tarfile'")) GTEST_SKIP() << "python3 is not on PATH";
  for (std::string evil : {std::string("../evil"), std::string("a/../../evil"), (dir_ / "absolute-evil").string()}) {
    SCOPED_TRACE(evil);
    std::string command =
        "python3 -c 'import io, sys, tarfile\n"
        "with tarfile.open(sys.argv[1], mode=\"w:gz\") as t:\n"
        "    info = tarfile.TarInfo(sys.argv[2]); info.size = 4; t.addfile(info, io.BytesIO(b\"evil\"))' " +
        (dir_ / "evil.tar.gz").string() + " '" + evil + "'";
    ASSERT_EQ(std::system(command.c_str()), 0);
    auto unpacked = unpack_tar_gz(dir_ / "evil.tar.gz", dir_ / "into");
    ASSERT_FALSE(unpacked);
    EXPECT_NE(unpacked.error().find("refused"), std::string::npos) << unpacked.error();
    EXPECT_FALSE(fs::exists(dir_ / "evil"));
    EXPECT_FALSE(fs::exists(dir_ / "absolute-evil"));
  }
}

TEST_F(ArchiveTest, CorruptArchivesGiveErrors) {
  write_file(dir_ / "noise.tar.gz", random_bytes(5000));
  EXPECT_FALSE(unpack_tar_gz(dir_ / "noise.tar.gz", dir_ / "out"));

  // Valid gzip around data that is not a tar.
  {
    auto writer = GzipWriter::open(dir_ / "text.gz");
    ASSERT_TRUE(writer);
    ASSERT_TRUE((*writer)->write(std::string(2000, 'x')));
    ASSERT_TRUE((*writer)->finish());
  }
  auto not_tar = unpack_tar_gz(dir_ / "text.gz", dir_ / "out");
  ASSERT_FALSE(not_tar);
  EXPECT_NE(not_tar.error().find("checksum"), std::string::npos) << not_tar.error();

  // A real archive cut in the middle.
  ASSERT_TRUE(pack_tar_gz(sample_folder(), dir_ / "whole.tar.gz"));
  std::string whole = read_file(dir_ / "whole.tar.gz");
  write_file(dir_ / "cut.tar.gz", whole.substr(0, whole.size() / 2));
  auto cut = unpack_tar_gz(dir_ / "cut.tar.gz", dir_ / "out2");
  ASSERT_FALSE(cut);
  EXPECT_NE(cut.error().find("truncated"), std::string::npos) << cut.error();

  EXPECT_FALSE(unpack_tar_gz(dir_ / "missing.tar.gz", dir_ / "out"));
  write_file(dir_ / "empty.tar.gz", "");
  EXPECT_FALSE(unpack_tar_gz(dir_ / "empty.tar.gz", dir_ / "out"));
}

TEST_F(ArchiveTest, PackRefusesAMissingFolderAndItself) {
  EXPECT_FALSE(pack_tar_gz(dir_ / "missing", dir_ / "a.tar.gz"));
  fs::path source = sample_folder();
  EXPECT_FALSE(pack_tar_gz(source, source / "model.tar.gz"));
  EXPECT_FALSE(fs::exists(source / "model.tar.gz"));
}

TEST_F(ArchiveTest, SymbolicLinksAreLeftOut) {
  write_file(dir_ / "source" / "real.txt", "real");
  write_file(dir_ / "secret.txt", "outside the folder");
  fs::create_symlink(dir_ / "secret.txt", dir_ / "source" / "link.txt");
  fs::create_directory_symlink(dir_, dir_ / "source" / "loop");
  ASSERT_TRUE(pack_tar_gz(dir_ / "source", dir_ / "a.tar.gz"));
  ASSERT_TRUE(unpack_tar_gz(dir_ / "a.tar.gz", dir_ / "out"));
  EXPECT_EQ(contents_of(dir_ / "out"), (std::map<std::string, std::string>{{"real.txt", "real"}}));
}

TEST(TarHeaderTest, PaxRecordsCountTheirOwnLength) {
  // " path=" + value + "\n" is 98 bytes: two digits would make 100, so the length is 101.
  std::string record = pax_record("path", std::string(91, 'p'));
  EXPECT_EQ(record.size(), 101u);
  EXPECT_TRUE(record.starts_with("101 path="));
  EXPECT_EQ(pax_record("path", "a"), "9 path=a\n");
  auto parsed = parse_pax_records(pax_record("size", "9000000000") + pax_record("path", "x/y"));
  ASSERT_TRUE(parsed) << parsed.error();
  EXPECT_EQ(parsed->path, "x/y");
  EXPECT_EQ(parsed->size, 9000000000u);
  EXPECT_FALSE(parse_pax_records("12 path=a\n"));
}

}  // namespace
}  // namespace api::training
