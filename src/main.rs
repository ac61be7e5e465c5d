//! The `polity` command: everything lives in the library; this turns its outcome into an
//! exit code.

fn main() -> std::process::ExitCode {
    polity::cli::main()
}
