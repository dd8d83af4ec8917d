#pragma once

#include <memory>

#include "capacity_model/catalog.h"
#include "emulator/execution/training_executor.h"
#include "emulator/sim/simulator.h"

namespace emulator::training {

// Training as the objective model predicts it, on the virtual clock: the work takes
// work_seconds on an instance of speed 1.0 (a fallback to a faster or slower type changes how
// long, and so how much billable time, the same trial takes); epochs take equal shares of it;
// the learning curve is reported at the report epochs, then the final metrics.
class SimulatedExecutor final : public execution::TrainingExecutor {
 public:
  SimulatedExecutor(sim::Simulator& simulator, const capacity_model::Catalog& catalog)
      : simulator_(simulator), catalog_(catalog) {}

  std::unique_ptr<execution::TrainingExecution> start(const execution::TrainingTask& task,
                                                      execution::TrainingReports& reports) override;

 private:
  sim::Simulator& simulator_;
  const capacity_model::Catalog& catalog_;
};

}  // namespace emulator::training
