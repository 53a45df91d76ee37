//! The AWS clients of the deploy commands, configured from the standard AWS environment
//! (`AWS_PROFILE`, `AWS_REGION`, credentials, `AWS_ENDPOINT_URL`…), and a blocking call helper:
//! the commands are sequential, so one current-thread runtime serves every request.

use std::future::Future;

use aws_config::BehaviorVersion;
use aws_smithy_http_client::tls::{Provider, rustls_provider::CryptoMode};

/// The clients and the runtime that drives them.
pub struct Aws {
    runtime: tokio::runtime::Runtime,
    /// CloudFormation.
    pub cfn: aws_sdk_cloudformation::Client,
    /// ECS.
    pub ecs: aws_sdk_ecs::Client,
    /// Elastic Load Balancing v2 (target health).
    pub elb: aws_sdk_elasticloadbalancingv2::Client,
}

impl Aws {
    /// Loads the configuration the AWS CLI would use; fails when no region is configured.
    pub fn from_env() -> Result<Aws, String> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the async runtime: {e}"))?;
        let http = aws_smithy_http_client::Builder::new()
            .tls_provider(Provider::Rustls(CryptoMode::Ring))
            .build_https();
        let config = runtime.block_on(
            aws_config::defaults(BehaviorVersion::latest())
                .http_client(http)
                .load(),
        );
        if config.region().is_none() {
            return Err(
                "no AWS region configured: set AWS_REGION (or AWS_DEFAULT_REGION), or a \
                        region in the profile AWS_PROFILE names"
                    .into(),
            );
        }
        Ok(Aws {
            cfn: aws_sdk_cloudformation::Client::new(&config),
            ecs: aws_sdk_ecs::Client::new(&config),
            elb: aws_sdk_elasticloadbalancingv2::Client::new(&config),
            runtime,
        })
    }

    /// Runs one request to completion.
    pub fn call<T, E: std::error::Error + 'static>(
        &self,
        request: impl Future<Output = Result<T, E>>,
    ) -> Result<T, String> {
        self.runtime.block_on(request).map_err(|e| error_text(&e))
    }
}

/// An SDK error with its causes, and the service's code and message when there is one
/// (`ValidationError: Stack with id x does not exist`).
pub fn error_text(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

/// Whether an error says the stack does not exist.
pub fn is_missing_stack(error: &str) -> bool {
    error.contains("does not exist")
}
