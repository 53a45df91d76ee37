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
        b"Resources:\n  A:\n    Type: AWS::SNS::Topic\n    DeletionPolicy: !Ref P\nRules: 3\n",
    )
    .expect_err("cannot be imported");
    let codes: Vec<&str> = errors.iter().map(|e| e.code.code).collect();
    assert_eq!(codes, ["IMP112", "IMP100"], "{errors:?}");
    assert!(import_text(b"[1, 2]").is_err());
}

/// The codes of the errors that stop importing one resource `A` of type `AWS::SNS::Topic` with
/// `body` (YAML, indented below the resource).
fn resource_error_codes(body: &str) -> Vec<&'static str> {
    let template = format!("Resources:\n  A:\n    Type: AWS::SNS::Topic\n{body}");
    import_text(template.as_bytes())
        .expect_err("cannot be imported")
        .iter()
        .map(|e| e.code.code)
        .collect()
}

#[test]
fn what_ecs_dsl_does_not_model_fails_with_its_own_code() {
    let cases = [
        (
            "    Properties:\n      TopicName: {'Fn::Length': [a, b]}\n",
            "IMP111",
        ),
        (
            "    Properties:\n      TopicName: {'Fn::Transform': {Name: M}}\n",
            "IMP111",
        ),
        (
            "    UpdateReplacePolicy: !If [C, Retain, Delete]\n",
            "IMP112",
        ),
        (
            "    Properties:\n      TopicName: !FindInMap [M, a, b, {DefaultValue: c}]\n",
            "IMP113",
        ),
        (
            "    Properties:\n      TopicName: !If [Undeclared, a, b]\n",
            "IMP113",
        ),
        (
            "    Properties:\n      TopicName: !GetAtt GeneratedRole.Arn\n",
            "IMP114",
        ),
        (
            "    Properties: !If [C, {TopicName: a}, {TopicName: b}]\n",
            "IMP115",
        ),
        ("    Version: '1.0'\n", "IMP116"),
    ];
    for (body, code) in cases {
        assert_eq!(resource_error_codes(body), [code], "{body}");
    }
}

#[test]
fn sections_the_stack_does_not_model_are_kept_with_a_note() {
    let imported = import_text(
        b"Parameters:\n  Env: {Type: String}\nRules:\n  R:\n    Assertions:\n      - Assert: {'Fn::Contains': [[a], !Ref Env]}\nGlobals:\n  Function: {Timeout: 3}\nResources:\n  A: {Type: AWS::SNS::Topic}\n",
    )
    .expect("imports");
    let codes: Vec<&str> = imported.notes.iter().map(|n| n.code.code).collect();
    assert_eq!(codes, ["IMP110", "IMP110"]);
    let p = &imported.program;
    assert!(
        p.contains("stack.section(\"Rules\", rt::map([(\"R\""),
        "{p}"
    );
    assert!(p.contains("rt::ref_(&env)"), "{p}");
    assert!(p.contains("stack.section(\"Globals\", rt::parse("), "{p}");
}
