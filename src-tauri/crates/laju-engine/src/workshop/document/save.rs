//! Writing the document to a file. The file appears whole or not at all: it is written to a
//! temporary file in the same folder, synced, then renamed over the target, so a failure (a
//! folder that cannot be written, a full disk, no font for the PDF) leaves nothing behind and
//! names the path it could not write.

use super::{html, pdf, AgreementDocument, AgreementRequest};
use crate::{EngineError, Workspace};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum AgreementFormat {
    Pdf,
    Html,
}

impl AgreementFormat {
    pub fn extension(self) -> &'static str {
        match self {
            AgreementFormat::Pdf => "pdf",
            AgreementFormat::Html => "html",
        }
    }

    /// The format a file name asks for by its extension (`.pdf`, `.html`, `.htm`).
    pub fn of_path(path: &Path) -> Option<AgreementFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(AgreementFormat::Pdf),
            "html" | "htm" => Some(AgreementFormat::Html),
            _ => None,
        }
    }
}

/// The window's "Save as PDF / HTML".
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SaveAgreement {
    #[serde(flatten)]
    pub request: AgreementRequest,
    pub format: AgreementFormat,
}

/// The file's bytes in `format`.
fn render(doc: &AgreementDocument, format: AgreementFormat) -> Result<Vec<u8>, EngineError> {
    match format {
        AgreementFormat::Html => Ok(html::render_html(doc).into_bytes()),
        AgreementFormat::Pdf => pdf::render_pdf(doc),
    }
}

impl Workspace {
    /// Saves the document as `agreement-v<version>-<lang>.<pdf|html>` in `dir` (replacing a
    /// file of that name) and returns its path.
    pub fn save_agreement(&self, input: SaveAgreement, dir: &Path) -> Result<PathBuf, EngineError> {
        let doc = self.agreement_document(&input.request)?;
        // A review appendix names its quarter, so the plain document is not overwritten.
        let review = match &input.request.review {
            Some(quarter) => {
                let key: String = quarter
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect();
                format!("-review-{key}")
            }
            None => String::new(),
        };
        let name = format!(
            "agreement-v{}-{}{review}.{}",
            doc.version,
            input.request.lang.tag(),
            input.format.extension()
        );
        let path = dir.join(name);
        write_agreement(&doc, input.format, &path)?;
        Ok(path)
    }

    /// The document of a request, written to `path` in `format` (the CLI's `--out`).
    pub fn write_agreement_file(
        &self,
        request: &AgreementRequest,
        format: AgreementFormat,
        path: &Path,
    ) -> Result<(), EngineError> {
        let doc = self.agreement_document(request)?;
        write_agreement(&doc, format, path)
    }
}

fn write_agreement(
    doc: &AgreementDocument,
    format: AgreementFormat,
    path: &Path,
) -> Result<(), EngineError> {
    // Rendered before anything touches the folder: a missing font writes nothing.
    let bytes = render(doc, format)?;
    write_whole(path, &bytes)
}

/// Writes `bytes` to `path` whole (see `files::write_whole`).
fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), EngineError> {
    crate::files::write_whole(path, |out| out.write_all(bytes)).map_err(|e| {
        EngineError::Invalid(format!(
            "The agreement could not be saved to {}: {e}",
            path.display()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_that_does_not_exist_is_named_and_left_without_a_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("missing").join("agreement.html");
        let error = write_whole(&path, b"<p>x</p>").expect_err("no folder");
        assert!(
            error.to_string().contains(&path.display().to_string()),
            "{error}"
        );
        assert!(!path.exists());
    }

    #[test]
    fn a_written_file_holds_exactly_the_bytes_and_no_temporary_file_is_left() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("agreement.html");
        write_whole(&path, b"first").expect("write");
        write_whole(&path, b"second").expect("replace");
        assert_eq!(std::fs::read(&path).expect("read"), b"second");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("agreement.html")]);
    }

    #[test]
    fn the_extension_chooses_the_format() {
        assert_eq!(
            AgreementFormat::of_path(Path::new("a/x.PDF")),
            Some(AgreementFormat::Pdf)
        );
        assert_eq!(
            AgreementFormat::of_path(Path::new("x.htm")),
            Some(AgreementFormat::Html)
        );
        assert_eq!(AgreementFormat::of_path(Path::new("x.docx")), None);
    }
}
