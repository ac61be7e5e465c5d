//! `polity schema`: print the JSON Schema of fact files.

use std::io::Write;
use std::process::ExitCode;

use super::Failure;

/// Print the JSON Schema that fact files follow (the same as schema/facts.schema.json).
///
/// Point a fact file's "$schema" at it and editors check and complete fields as you type.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:
  polity schema > facts.schema.json")]
pub struct Args {}

/// Runs `polity schema`.
pub fn run(_args: &Args) -> Result<ExitCode, Failure> {
    std::io::stdout()
        .lock()
        .write_all(crate::model::schema_json().as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
