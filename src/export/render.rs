//! SVG, PNG and PDF, rendered from the DOT export by Graphviz's `dot` program.
//!
//! graphviz-rust runs `dot` and reports a missing program only as "No such file or
//! directory (os error 2)"; that becomes [`ExportError::GraphvizMissing`], whose message
//! says how to install Graphviz. The image is returned as bytes, so nothing is written
//! when `dot` is missing or fails.

use std::io::ErrorKind;

use graphviz_rust::cmd::{CommandArg, Format as DotFormat};

use super::{ExportError, Format};

/// Renders DOT text into an image format with `dot`.
pub fn render(format: Format, dot: &str) -> Result<Vec<u8>, ExportError> {
    let target = match format {
        Format::Png => DotFormat::Png,
        Format::Pdf => DotFormat::Pdf,
        _ => DotFormat::Svg,
    };
    graphviz_rust::exec_dot(dot.to_owned(), vec![CommandArg::Format(target)]).map_err(|e| {
        // NotFound may also mean the temporary input file could not be made: look.
        if e.kind() == ErrorKind::NotFound && !dot_on_path() {
            ExportError::GraphvizMissing
        } else {
            ExportError::Graphviz(e.to_string().trim().to_owned())
        }
    })
}

/// True when an executable `dot` is on `PATH`.
fn dot_on_path() -> bool {
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    std::env::split_paths(&path).any(|dir| {
        ["dot", "dot.exe"]
            .iter()
            .any(|name| dir.join(name).is_file())
    })
}
