-- wrk script: DescribeHyperParameterTuningJob of the tuning job "bench", with the headers
-- boto3 sends (a SigV4-shaped Authorization; the emulator reads the credential scope and
-- does not check signatures). Used by bench/run-server-bench.sh against the emulator, the
-- bare Beast baseline and moto alike.
wrk.method = "POST"
wrk.path = "/"
wrk.body = '{"HyperParameterTuningJobName":"bench"}'
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = "SageMaker.DescribeHyperParameterTuningJob"
wrk.headers["X-Amz-Date"] = "20261126T153208Z"
wrk.headers["Authorization"] =
  "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/us-east-1/sagemaker/aws4_request, " ..
  "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" .. string.rep("0", 64)
-- Any answer other than 200 is counted by wrk as "Non-2xx or 3xx responses" and the script
-- that parses wrk's output refuses the run.
