#include "capacity_model/catalog.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace capacity_model {
namespace {

InstanceSpec spec(std::string name, double speed) {
  return InstanceSpec{name, std::string(family_of(name)), 4, 16, 0, 0.23, speed};
}

TEST(Catalog, FindsByName) {
  const Catalog catalog({spec("ml.m5.xlarge", 1.0), spec("ml.c5.xlarge", 1.1)});
  const InstanceSpec* c5 = catalog.find("ml.c5.xlarge");
  ASSERT_NE(c5, nullptr);
  EXPECT_EQ(c5->name, "ml.c5.xlarge");
  EXPECT_EQ(c5->family, "c5");
  EXPECT_DOUBLE_EQ(c5->speed, 1.1);
}

TEST(Catalog, UnknownNameIsNull) {
  const Catalog catalog({spec("ml.m5.xlarge", 1.0)});
  EXPECT_EQ(catalog.find("ml.m5.2xlarge"), nullptr);
  EXPECT_EQ(catalog.find(""), nullptr);
  EXPECT_EQ(catalog.find("ml.m5.xlarge "), nullptr);
}

TEST(Catalog, AllKeepsGivenOrder) {
  const Catalog catalog(
      {spec("ml.t3.medium", 0.4), spec("ml.m4.xlarge", 0.8), spec("ml.c4.xlarge", 0.9)});
  std::vector<std::string> names;
  for (const auto& s : catalog.all()) names.push_back(s.name);
  EXPECT_EQ(names, (std::vector<std::string>{"ml.t3.medium", "ml.m4.xlarge", "ml.c4.xlarge"}));
}

TEST(Catalog, LookupSurvivesCopyAndMove) {
  Catalog original({spec("ml.m5.large", 0.5), spec("ml.m5.xlarge", 1.0)});
  const Catalog copy = original;
  const Catalog moved = std::move(original);
  ASSERT_NE(copy.find("ml.m5.large"), nullptr);
  EXPECT_EQ(copy.find("ml.m5.large"), &copy.all()[0]);
  ASSERT_NE(moved.find("ml.m5.xlarge"), nullptr);
  EXPECT_EQ(moved.find("ml.m5.xlarge"), &moved.all()[1]);
}

TEST(FamilyOf, TakesTheMiddlePart) {
  EXPECT_EQ(family_of("ml.m5.xlarge"), "m5");
  EXPECT_EQ(family_of("ml.g4dn.12xlarge"), "g4dn");
  EXPECT_EQ(family_of("ml.p6-b200.48xlarge"), "p6-b200");
  EXPECT_EQ(family_of("ml.p6e-gb200.36xlarge"), "p6e-gb200");
}

TEST(FamilyOf, RejectsMalformedNames) {
  EXPECT_EQ(family_of(""), "");
  EXPECT_EQ(family_of("m5.xlarge"), "");
  EXPECT_EQ(family_of("ml.m5"), "");
  EXPECT_EQ(family_of("ml..xlarge"), "");
  EXPECT_EQ(family_of("ml.m5."), "");
  EXPECT_EQ(family_of("ml.m5.xlarge.extra"), "");
}

}  // namespace
}  // namespace capacity_model
