//! RDS, high level: a database instance with its network and its password in Secrets Manager.

mod database_instance;

pub use database_instance::{DatabaseHandles, DatabaseInstance, Engine};
