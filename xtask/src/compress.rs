//! Precompressed delivery: after a build, every static asset of `dist/`
//! gets a brotli (quality 11) and a gzip (level 9) copy beside it
//! (`x.wasm.br`, `x.wasm.gz`), which the server sends as they are
//! (`Content-Encoding`, `Vary: Accept-Encoding`) instead of compressing
//! per request. `config.json` is left alone: sites edit it after the build.

use std::io::Write;
use std::path::Path;

/// Extensions worth compressing.
const COMPRESSIBLE: [&str; 5] = ["wasm", "js", "css", "html", "svg"];

/// Sizes of a set of files: raw, gzip -9 and brotli 11 (bytes).
#[derive(Debug, Default, Clone, Copy)]
pub struct Sizes {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// Writes the `.br` and `.gz` copies of `dir`'s assets; the totals.
pub fn precompress(dir: &Path) -> Result<Sizes, String> {
    let mut total = Sizes::default();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !path.is_file() || !COMPRESSIBLE.contains(&ext) {
            continue;
        }
        let raw = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let gz = gzip(&raw)?;
        let br = brotli(&raw)?;
        for (suffix, bytes) in [("gz", &gz), ("br", &br)] {
            let mut name = path.clone().into_os_string();
            name.push(".");
            name.push(suffix);
            std::fs::write(&name, bytes).map_err(|e| format!("{name:?}: {e}"))?;
        }
        total.raw += raw.len() as u64;
        total.gzip += gz.len() as u64;
        total.brotli += br.len() as u64;
    }
    Ok(total)
}

fn gzip(raw: &[u8]) -> Result<Vec<u8>, String> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(raw).map_err(|e| e.to_string())?;
    enc.finish().map_err(|e| e.to_string())
}

fn brotli(raw: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    {
        // Quality 11, a 4 MiB window (lgwin 22): the smallest brotli output.
        let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 22);
        w.write_all(raw).map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// `n` bytes in KB, as the README's tables give sizes.
pub fn kb(n: u64) -> String {
    format!("{:.0} KB", n as f64 / 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn both_copies_decompress_to_the_original() {
        let raw: Vec<u8> = (0..50_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gzip(&raw).unwrap()[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, raw);
        let mut back = Vec::new();
        brotli::Decompressor::new(&brotli(&raw).unwrap()[..], 4096)
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, raw);
    }
}
