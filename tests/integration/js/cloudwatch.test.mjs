// CloudWatch metrics through the AWS SDK for JavaScript v3 (@aws-sdk/client-cloudwatch), run by
// Node's built-in test runner (run.sh cloudwatch.test.mjs). This SDK version (3.1142) sends AWS
// JSON 1.0 (its default protocol is AwsJson1_0Protocol, X-Amz-Target
// GraniteServiceVersion20100801.<Op>) and reads errors awsQueryCompatible: the modelled
// exceptions must arrive as their classes.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import {
  CloudWatchClient,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  InvalidParameterCombinationException,
  InvalidParameterValueException,
  ListMetricsCommand,
  PutMetricDataCommand,
} from "@aws-sdk/client-cloudwatch";

import { ACCOUNT, Emulator } from "./emulator.mjs";

const NS = "/aws/sagemaker/TrainingJobs";
const JOB = [{ Name: "TrainingJobName", Value: "js-job" }];

describe("CloudWatch metrics through SDK-JS v3", () => {
  let emu;
  let client;
  let t0;

  before(async () => {
    emu = await new Emulator(["--clock", "manual"]).start();
    client = new CloudWatchClient(emu.clientConfig(ACCOUNT));
    const clock = await emu.control("GET", "/_emulator/clock");
    t0 = (Math.floor(clock.now / 3600) - 1) * 3600;
  });

  after(async () => {
    await emu?.stop();
    emu?.cleanup();
  });

  const at = (seconds) => new Date((t0 + seconds) * 1000);

  test("put, list, statistics and metric data agree", async () => {
    await client.send(new PutMetricDataCommand({
      Namespace: NS,
      MetricData: [0.9, 0.7, 0.5].map((value, epoch) => ({
        MetricName: "validation:rmse", Dimensions: JOB, Value: value, Timestamp: at(30 * epoch),
      })),
    }));
    const listed = await client.send(new ListMetricsCommand({ Namespace: NS }));
    assert.deepEqual(listed.Metrics, [{ Namespace: NS, MetricName: "validation:rmse", Dimensions: JOB }]);

    const stats = await client.send(new GetMetricStatisticsCommand({
      Namespace: NS, MetricName: "validation:rmse", Dimensions: JOB, StartTime: at(0), EndTime: at(300),
      Period: 60, Statistics: ["Average", "SampleCount"],
    }));
    const points = stats.Datapoints.sort((a, b) => a.Timestamp - b.Timestamp);
    assert.deepEqual(points.map((p) => [p.Timestamp.getTime(), p.SampleCount]),
      [[at(0).getTime(), 2], [at(60).getTime(), 1]]);
    assert.ok(Math.abs(points[0].Average - 0.8) < 1e-12, String(points[0].Average));

    const data = await client.send(new GetMetricDataCommand({
      MetricDataQueries: [{ Id: "rmse", MetricStat: { Metric: { Namespace: NS, MetricName: "validation:rmse",
        Dimensions: JOB }, Period: 60, Stat: "Minimum" } }],
      StartTime: at(0), EndTime: at(300), ScanBy: "TimestampAscending",
    }));
    assert.deepEqual(data.MetricDataResults[0].Values, [0.7, 0.5]);
    assert.equal(data.MetricDataResults[0].StatusCode, "Complete");

    const metrics = await (await fetch(`${emu.url}/metrics`)).text();
    assert.match(metrics, /^amt_emulator_api_calls_total\{operation="GetMetricData",status="200"\} 1$/m);
  });

  test("modelled errors arrive as their exception classes", async () => {
    await assert.rejects(
      client.send(new PutMetricDataCommand({ Namespace: "AWS/EC2", MetricData: [{ MetricName: "CPU", Value: 1 }] })),
      (err) => {
        assert.ok(err instanceof InvalidParameterValueException, `${err.name}: ${err.message}`);
        assert.equal(err.message, "The value AWS/EC2 for parameter Namespace is invalid.");
        assert.equal(err.$metadata.httpStatusCode, 400);
        return true;
      });
    await assert.rejects(
      client.send(new GetMetricStatisticsCommand({
        Namespace: NS, MetricName: "m", StartTime: at(0), EndTime: at(2 * 86400), Period: 60, Statistics: ["Sum"],
      })),
      (err) => {
        assert.ok(err instanceof InvalidParameterCombinationException, `${err.name}: ${err.message}`);
        assert.match(err.message, /^You have requested up to 2880 datapoints/);
        return true;
      });
  });
});
