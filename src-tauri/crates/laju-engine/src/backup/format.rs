//! The `.lajubak` file: every sled tree of a workspace, whole, in one compressed stream.
//!
//! ```text
//! "LAJU-BAK"  format (u32 BE)  header length (u32 BE)  header (JSON)
//! body: raw DEFLATE of  { 'T' name | 'R' key value }*  'E'
//!       (each name, key and value is a u32 BE length, then the bytes)
//! SHA-256 of every byte before it (32 bytes)
//! ```
//!
//! The header is readable without inflating the body, so a list of backups stays cheap; the
//! checksum is checked over the whole file before anything trusts a byte of it.

use crate::EngineError;
use chrono::{DateTime, Utc};
use flate2::write::DeflateEncoder;
use flate2::{read::DeflateDecoder, Compression};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::path::Path;

const MAGIC: &[u8; 8] = b"LAJU-BAK";
/// Bumped only when this layout changes; the workspace schema travels in the header.
const FORMAT: u32 = 1;
const DIGEST_LEN: usize = 32;
/// A JSON header is a few hundred bytes; a larger length means this is not a backup.
const MAX_HEADER: u32 = 64 * 1024;

const TREE: u8 = b'T';
const RECORD: u8 = b'R';
const END: u8 = b'E';

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Header {
    pub schema_version: u32,
    pub created_at: DateTime<Utc>,
    pub leads: u64,
}

pub(super) enum Entry {
    Tree(Vec<u8>),
    Record(Vec<u8>, Vec<u8>),
}

/// Writes `db` whole to `out`; the caller holds the workspace's write lock so the trees agree.
pub(super) fn write(db: &sled::Db, header: &Header, out: impl Write) -> io::Result<()> {
    let mut hashed = Hashed {
        out,
        hash: Sha256::new(),
    };
    let json = serde_json::to_vec(header)?;
    hashed.write_all(MAGIC)?;
    hashed.write_all(&FORMAT.to_be_bytes())?;
    put(&mut hashed, &json)?;
    // Fast compression: the lead JSON shrinks several-fold even so, and the write lock is held
    // while this runs.
    let mut body = DeflateEncoder::new(&mut hashed, Compression::fast());
    for name in db.tree_names() {
        body.write_all(&[TREE])?;
        put(&mut body, &name)?;
        for entry in db.open_tree(&name).map_err(io::Error::other)?.iter() {
            let (key, value) = entry.map_err(io::Error::other)?;
            body.write_all(&[RECORD])?;
            put(&mut body, &key)?;
            put(&mut body, &value)?;
        }
    }
    body.write_all(&[END])?;
    body.finish()?;
    let digest = hashed.hash.finalize();
    hashed.out.write_all(&digest)?;
    hashed.out.flush()
}

/// A backup file read into memory and checked: magic, format, checksum, header.
pub(super) struct Verified {
    pub header: Header,
    pub bytes: u64,
    data: Vec<u8>,
    body_start: usize,
}

impl Verified {
    pub fn read(path: &Path) -> Result<Verified, EngineError> {
        let data = std::fs::read(path).map_err(|e| io_error(path, &e))?;
        let not_backup =
            || EngineError::Invalid(format!("{} is not a Laju backup file.", path.display()));
        if data.len() < MAGIC.len() + 8 + DIGEST_LEN || !data.starts_with(MAGIC) {
            return Err(not_backup());
        }
        let (content, digest) = data.split_at(data.len() - DIGEST_LEN);
        let mut fields = &content[MAGIC.len()..];
        let format = be_u32(&mut fields).ok_or_else(not_backup)?;
        if format > FORMAT {
            return Err(EngineError::Invalid(format!(
                "{} was made by a newer Laju (backup format {format}). Update Laju to restore it.",
                path.display()
            )));
        }
        if Sha256::digest(content).as_slice() != digest {
            return Err(EngineError::Invalid(format!(
                "{} is damaged (its checksum does not match), so it cannot be restored. \
                 Nothing was changed.",
                path.display()
            )));
        }
        let len = be_u32(&mut fields)
            .filter(|n| *n <= MAX_HEADER)
            .ok_or_else(not_backup)?;
        let json = fields.get(..len as usize).ok_or_else(not_backup)?;
        let header: Header = serde_json::from_slice(json).map_err(|_| not_backup())?;
        let body_start = content.len() - fields.len() + len as usize;
        Ok(Verified {
            header,
            bytes: data.len() as u64,
            body_start,
            data,
        })
    }

    /// The body's entries in file order; the last call answers `None` after the end mark.
    pub fn entries(&self) -> Entries<'_> {
        let body = &self.data[self.body_start..self.data.len() - DIGEST_LEN];
        Entries {
            body: DeflateDecoder::new(body),
            ended: false,
        }
    }
}

pub(super) struct Entries<'a> {
    body: DeflateDecoder<&'a [u8]>,
    ended: bool,
}

impl Entries<'_> {
    pub fn next_entry(&mut self) -> Result<Option<Entry>, EngineError> {
        if self.ended {
            return Ok(None);
        }
        let mut tag = [0u8];
        self.body.read_exact(&mut tag).map_err(damaged)?;
        match tag[0] {
            TREE => Ok(Some(Entry::Tree(self.take()?))),
            RECORD => Ok(Some(Entry::Record(self.take()?, self.take()?))),
            END => {
                self.ended = true;
                Ok(None)
            }
            other => Err(damaged(format!("unknown entry {other:#04x}"))),
        }
    }

    fn take(&mut self) -> Result<Vec<u8>, EngineError> {
        let mut len = [0u8; 4];
        self.body.read_exact(&mut len).map_err(damaged)?;
        let len = u64::from(u32::from_be_bytes(len));
        // `take` rather than a buffer of the stated size: a bad length cannot allocate gigabytes.
        let mut bytes = Vec::new();
        (&mut self.body)
            .take(len)
            .read_to_end(&mut bytes)
            .map_err(damaged)?;
        if bytes.len() as u64 != len {
            return Err(damaged("cut short"));
        }
        Ok(bytes)
    }
}

/// Just the header, without checking the rest: enough to list backups.
pub(super) fn read_header(path: &Path) -> Result<Header, EngineError> {
    let not_backup =
        || EngineError::Invalid(format!("{} is not a Laju backup file.", path.display()));
    let file = File::open(path).map_err(|e| io_error(path, &e))?;
    let mut file = BufReader::new(file);
    let mut start = [0u8; 16];
    file.read_exact(&mut start).map_err(|_| not_backup())?;
    let mut fields = &start[MAGIC.len()..];
    if !start.starts_with(MAGIC) || be_u32(&mut fields) != Some(FORMAT) {
        return Err(not_backup());
    }
    let len = be_u32(&mut fields)
        .filter(|n| *n <= MAX_HEADER)
        .ok_or_else(not_backup)?;
    let mut json = vec![0; len as usize];
    file.read_exact(&mut json).map_err(|_| not_backup())?;
    serde_json::from_slice(&json).map_err(|_| not_backup())
}

fn put(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    let len = u32::try_from(bytes.len())
        .map_err(|_| io::Error::other("a stored value is larger than 4 GiB"))?;
    out.write_all(&len.to_be_bytes())?;
    out.write_all(bytes)
}

fn be_u32(fields: &mut &[u8]) -> Option<u32> {
    let (head, rest) = fields.split_first_chunk::<4>()?;
    *fields = rest;
    Some(u32::from_be_bytes(*head))
}

fn damaged(reason: impl std::fmt::Display) -> EngineError {
    EngineError::Corrupt {
        what: "backup".into(),
        reason: reason.to_string(),
    }
}

pub(super) fn io_error(path: &Path, error: &io::Error) -> EngineError {
    EngineError::Invalid(format!("{}: {error}", path.display()))
}

/// Hashes every byte on its way to the file.
struct Hashed<W> {
    out: W,
    hash: Sha256,
}

impl<W: Write> Write for Hashed<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
