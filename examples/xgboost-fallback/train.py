"""Script-mode training code for the blog post's tuning job, for real: XGBoost regression on
scikit-learn's diabetes data set (it ships with scikit-learn, so nothing is downloaded).

SageMaker's training toolkit runs it as `python3 train.py --eta 0.3 --max_depth 4 ...` with the
SM_* variables set; amt-emulator (--training local) runs it the same way. XGBoost prints each
round as `[12]\ttrain-rmse:...\tvalidation-rmse:...`, the line the built-in XGBoost metric
definitions read (a tab is `#011` in CloudWatch, and in their regexes).
"""
import argparse
import json
import os

import xgboost as xgb
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--eta", type=float, default=0.3)
    parser.add_argument("--max_depth", type=int, default=6)
    parser.add_argument("--num_round", type=int, default=50)
    parser.add_argument("--subsample", type=float, default=1.0)
    args, _ = parser.parse_known_args()

    features, target = load_diabetes(return_X_y=True)
    x_train, x_val, y_train, y_val = train_test_split(features, target, test_size=0.25, random_state=0)
    train, validation = xgb.DMatrix(x_train, label=y_train), xgb.DMatrix(x_val, label=y_val)
    params = {"objective": "reg:squarederror", "eta": args.eta, "max_depth": args.max_depth,
              "subsample": args.subsample, "eval_metric": "rmse", "nthread": 1, "seed": 0}
    booster = xgb.train(params, train, num_boost_round=args.num_round,
                        evals=[(train, "train"), (validation, "validation")], verbose_eval=True)

    model_dir = os.environ.get("SM_MODEL_DIR", ".")
    booster.save_model(os.path.join(model_dir, "xgboost-model.json"))
    with open(os.path.join(model_dir, "hyperparameters.json"), "w") as f:
        json.dump(vars(args), f)


if __name__ == "__main__":
    main()
