//! `import-template` on YAML with short tags: references become handles, `!Sub` becomes
//! `sub!`, what the types cannot hold carries its code, and errors are coded.

use ecs_dsl::import_template::import_text;

const TEMPLATE: &str = r#"
Parameters:
  Env:
    Type: String
    AllowedValues: [dev, prod]
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Logs:
    Type: AWS::S3::Bucket
    DeletionPolicy: Retain
    Properties:
      BucketName: !Sub "${Env}-logs-${AWS::AccountId}"
  Queue:
    Type: AWS::SQS::Queue
    Condition: IsProd
    Properties:
      Tags:
        - Key: bucket
          Value: !GetAtt Logs.Arn
  Hook:
    Type: Custom::Hook
    Properties:
      ServiceToken: arn:aws:lambda:eu-west-1:123456789012:function:hook
      Target: !Ref Logs
Outputs:
  QueueUrl:
    Condition: IsProd
    Value: !Ref Queue
"#;

#[test]
fn yaml_short_tags_become_handles_and_sub() {
    let imported = import_text(TEMPLATE.as_bytes()).expect("imports");
    let p = &imported.program;
    for expected in [
        "let env: Parameter<String> = stack.parameter(\"Env\"",
        "let is_prod = stack.condition(\"IsProd\"",
        "ecs_dsl::cfn::s3::bucket::CfnBucket::new()",
        "rt::text(sub!(\"${env}-logs-${AWS::AccountId}\"))",
        ".deletion_policy(DeletionPolicy::Retain)",
        "rt::get_att(&logs, \"Arn\")",
        ".condition(&is_prod)",
        "rt::UntypedResource::new(\"Custom::Hook\")",
        "// IMP001:",
        "stack.output(\"QueueUrl\", Output::new(rt::ref_(&queue)).condition(&is_prod));",
    ] {
        assert!(p.contains(expected), "missing `{expected}` in:\n{p}");
    }
    // The bucket is declared before the queue and the custom resource that refer to it.
    assert!(p.find("let logs").unwrap() < p.find("let queue").unwrap());
    assert!(imported.features.contains("s3") && imported.features.contains("sqs"));
    assert_eq!(
        imported
            .notes
            .iter()
            .map(|n| n.code.code)
            .collect::<Vec<_>>(),
        ["IMP001"]
    );
}

#[test]
fn what_cannot_be_imported_is_a_coded_error() {
    let errors = import_text(
        b"Resources:\n  A:\n    Type: AWS::SNS::Topic\n    DeletionPolicy: !Ref P\nRules: {}\n",
    )
    .expect_err("cannot be imported");
    let codes: Vec<&str> = errors.iter().map(|e| e.code.code).collect();
    assert_eq!(codes, ["IMP100", "IMP104"], "{errors:?}");
    assert!(import_text(b"[1, 2]").is_err());
}
