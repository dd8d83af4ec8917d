-- wrk script: DescribeHyperParameterTuningJob of the tuning job "bench", as boto3 sends it.
wrk.method = "POST"
wrk.path = "/"
wrk.body = '{"HyperParameterTuningJobName": "bench"}'
wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
wrk.headers["X-Amz-Target"] = "SageMaker.DescribeHyperParameterTuningJob"
wrk.headers["X-Amz-Date"] = "20261126T153208Z"
wrk.headers["Authorization"] =
  "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/us-east-1/sagemaker/aws4_request, " ..
  "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" .. string.rep("0", 64)
