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
        b"Resources:\n  A:\n    Type: AWS::SNS::Topic\n    DeletionPolicy: Sometimes\nRules: 3\n",
    )
    .expect_err("cannot be imported");
    let codes: Vec<&str> = errors.iter().map(|e| e.code.code).collect();
    assert_eq!(codes, ["IMP104", "IMP100"], "{errors:?}");
    assert!(import_text(b"[1, 2]").is_err());
}

/// A template of one resource `A` of type `AWS::SNS::Topic` with `body` (YAML, indented below
/// the resource), beside a condition `C` and a mapping `M`, and `top` (more top-level YAML).
fn one_resource(top: &str, body: &str) -> String {
    format!(
        "{top}Conditions:\n  C: !Equals [a, b]\nMappings:\n  M: {{a: {{b: c}}}}\nResources:\n  A:\n    Type: AWS::SNS::Topic\n{body}"
    )
}

#[test]
fn what_ecs_dsl_does_not_model_is_kept_as_written_with_its_own_note() {
    let cases = [
        (
            "    Properties:\n      TopicName: {'Fn::Transform': {Name: M}}\n",
            &["IMP111"][..],
            "rt::as_written(\"Fn::Transform\", \"{\\\"Name\\\":\\\"M\\\"}\")",
        ),
        (
            "    UpdateReplacePolicy: !If [C, Retain, Delete]\n",
            &["IMP112"],
            ".attribute_as_written(\"UpdateReplacePolicy\", rt::if_(&c,",
        ),
        (
            "    Properties:\n      TopicName: !FindInMap [!Ref AWS::Region, a, b]\n",
            &["IMP006", "IMP113"],
            "rt::as_written(\"Fn::FindInMap\"",
        ),
        (
            "    Properties:\n      TopicName: !If [Undeclared, a, b]\n",
            &["IMP006", "IMP113"],
            "rt::as_written(\"Fn::If\"",
        ),
        (
            "    Properties: !If [C, {TopicName: a}, {TopicName: b}]\n",
            &["IMP115"],
            "rt::UntypedResource::new(\"AWS::SNS::Topic\")\n        .attribute_as_written(\"Properties\", rt::if_(&c,",
        ),
        (
            "    Version: '1.0'\n",
            &["IMP116"],
            ".attribute_as_written(\"Version\", rt::parse(",
        ),
    ];
    for (body, codes, printed) in cases {
        let imported = import_text(one_resource("", body).as_bytes())
            .unwrap_or_else(|e| panic!("{body}: {e:?}"));
        let found: Vec<&str> = imported.notes.iter().map(|n| n.code.code).collect();
        assert_eq!(found, codes, "{body}");
        assert!(
            imported.program.contains(printed),
            "{body}{}",
            imported.program
        );
    }
}

#[test]
fn language_extension_functions_are_imported_typed() {
    let body = "    Properties:\n      TopicName: !FindInMap [M, a, b, {DefaultValue: !ToJsonString {k: !Length [x]}}]\n";
    let imported =
        import_text(one_resource("Transform: AWS::LanguageExtensions\n", body).as_bytes())
            .expect("imports");
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    let p = &imported.program;
    assert!(p.contains("rt::find_in_map_or(&m,"), "{p}");
    assert!(p.contains("rt::call(\"Fn::ToJsonString\""), "{p}");
    assert!(p.contains("rt::call(\"Fn::Length\""), "{p}");
}

#[test]
fn a_reference_to_an_undeclared_resource_is_kept_only_under_sam() {
    let body = "    Properties:\n      TopicName: !GetAtt GeneratedRole.Arn\n";
    let errors = import_text(one_resource("", body).as_bytes()).expect_err("names nothing");
    let codes: Vec<&str> = errors.iter().map(|e| e.code.code).collect();
    assert_eq!(codes, ["IMP114"]);
    let sam = one_resource("Transform: AWS::Serverless-2016-10-31\n", body);
    let imported = import_text(sam.as_bytes()).expect("SAM generates it");
    let codes: Vec<&str> = imported.notes.iter().map(|n| n.code.code).collect();
    assert_eq!(codes, ["IMP118"]);
    assert!(
        imported.program.contains("rt::as_written(\"Fn::GetAtt\""),
        "{}",
        imported.program
    );
}

#[test]
fn a_for_each_loop_in_a_section_is_a_coded_error() {
    let template = b"Transform: AWS::LanguageExtensions\nResources:\n  'Fn::ForEach::Topics':\n    - Name\n    - [A, B]\n    - 'Topic${Name}': {Type: AWS::SNS::Topic}\n";
    let errors = import_text(template).expect_err("a loop");
    assert!(errors.iter().any(|e| e.code.code == "IMP117"), "{errors:?}");
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
