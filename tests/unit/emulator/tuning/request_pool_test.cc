#include "emulator/tuning/request_pool.h"

#include <gtest/gtest.h>

#include "tests/support/tuning_request_builder.h"

namespace emulator::tuning {
namespace {

ResolvedTuningJob resolved_for(const model::CreateHyperParameterTuningJobRequest& request) {
  auto resolved = resolve_tuning_request(request, TuningQuotas{});
  EXPECT_TRUE(resolved.ok());
  return std::move(*resolved);
}

RequestPool::Shared share(RequestPool& pool, model::CreateHyperParameterTuningJobRequest request) {
  const auto resolved = resolved_for(request);
  return pool.share(std::move(request), resolved);
}

TEST(RequestPool, EqualRequestsUnderOtherNamesShareOneCopyAndOneSpecPerDefinition) {
  RequestPool pool;
  const auto first = share(pool, test_support::blog_request("first"));
  const auto second = share(pool, test_support::blog_request("second"));
  EXPECT_EQ(first.request.get(), second.request.get());
  ASSERT_EQ(first.child_specs.size(), 1u);
  EXPECT_EQ(first.child_specs, second.child_specs);
  EXPECT_EQ(pool.size(), 1u);
}

TEST(RequestPool, ASpecCarriesTheDefinitionTheChildrenRun) {
  RequestPool pool;
  const auto shared = share(pool, test_support::blog_request());
  const auto& spec = *shared.child_specs.at(0);
  EXPECT_EQ(spec.static_hyper_parameters.at("num_round"), "100");
  EXPECT_EQ(spec.objective_metric, "validation:rmse");
  EXPECT_EQ(spec.tuned_names.size(), 2u);
  EXPECT_EQ(spec.s3_output_path, "s3://bucket/output/");
  EXPECT_EQ(spec.max_runtime_in_seconds, 259200);
  EXPECT_EQ(spec.description, shared.request->description);
  EXPECT_EQ(spec.definition_in_request, 0u);
}

TEST(RequestPool, RequestsThatDifferInAnyMemberOrInTheirTextAreKeptApart) {
  RequestPool pool;
  const auto base = share(pool, test_support::blog_request());

  auto other_seed = test_support::blog_request();
  other_seed.config.random_seed = 7;
  EXPECT_NE(share(pool, std::move(other_seed)).request, base.request);

  auto other_static = test_support::blog_request();
  other_static.definitions[0].static_hyper_parameters["num_round"] = "200";
  EXPECT_NE(share(pool, std::move(other_static)).request, base.request);

  auto other_text = test_support::blog_request();
  other_text.description = std::make_shared<const model::RawJson>(R"({"Autotune":{"Mode":"Enabled"}})");
  EXPECT_NE(share(pool, std::move(other_text)).request, base.request);
  EXPECT_EQ(pool.size(), 4u);
}

TEST(RequestPool, ARequestNoJobHoldsAnyMoreIsStoredAfresh) {
  RequestPool pool;
  std::weak_ptr<const model::TuningRequestBody> before = share(pool, test_support::blog_request()).request;
  ASSERT_TRUE(before.expired());
  const auto again = share(pool, test_support::blog_request());
  EXPECT_EQ(*again.request, test_support::blog_request());
  EXPECT_EQ(again.child_specs.size(), 1u);
}

TEST(RequestPool, SweepsKeepItNearTheSizeOfWhatIsHeld) {
  RequestPool pool;
  std::vector<RequestPool::Shared> held;
  for (int i = 0; i < 1000; ++i) {
    auto request = test_support::blog_request();
    request.config.random_seed = i;  // every one distinct
    auto shared = share(pool, std::move(request));
    if (i % 10 == 0) held.push_back(std::move(shared));
  }
  EXPECT_GE(pool.size(), 100u);
  EXPECT_LE(pool.size(), 2 * 100u + 64);
  for (const auto& shared : held) {
    auto request = test_support::blog_request();
    request.config.random_seed = shared.request->config.random_seed;
    EXPECT_EQ(share(pool, std::move(request)).request, shared.request);
  }
}

}  // namespace
}  // namespace emulator::tuning
