//! The document as one standalone HTML page: every text escaped, a `lang` attribute, and CSS
//! that prints well (A4 margins, tables that do not split a row, no page break after a
//! heading). It needs nothing beside it: no scripts, fonts or pictures.

use super::{AgreementDocument, Block};
use std::fmt::Write as _;

const STYLE: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans','PingFang SC','Microsoft YaHei',sans-serif;\
color:#1d2330;line-height:1.45;max-width:48rem;margin:2rem auto;padding:0 1.25rem}\
h1{font-size:1.7rem;margin-bottom:.25rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #c9ced8;padding-bottom:.2rem}\
h3{font-size:1rem;margin:1.2rem 0 .4rem}\
table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}\
th,td{border:1px solid #c9ced8;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#eef1f6}\
dl{margin:.5rem 0}dt{font-weight:600;margin-top:.5rem}dd{margin:0 0 0 1.25rem}\
.signoff{display:flex;gap:2rem;flex-wrap:wrap;margin-top:1rem}.party{flex:1;min-width:14rem}\
.party p{margin:1.6rem 0 0;border-bottom:1px solid #1d2330;padding-bottom:.15rem}\
@page{size:A4;margin:18mm}\
@media print{body{margin:0;max-width:none;padding:0}h2,h3{break-after:avoid}tr,dt,dd,.party{break-inside:avoid}}";

pub fn render_html(doc: &AgreementDocument) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        doc.language.tag(),
        escape(&doc.title),
        escape(&doc.title)
    );
    for section in &doc.sections {
        let _ = write!(
            out,
            "<section id=\"{}\">\n<h2>{}</h2>\n",
            escape(&section.id),
            escape(&section.heading)
        );
        for block in &section.blocks {
            block_html(&mut out, block);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn block_html(out: &mut String, block: &Block) {
    match block {
        Block::Paragraph { text } => {
            let _ = writeln!(out, "<p>{}</p>", escape(text));
        }
        Block::Subheading { text } => {
            let _ = writeln!(out, "<h3>{}</h3>", escape(text));
        }
        Block::List { ordered, items } => {
            let tag = if *ordered { "ol" } else { "ul" };
            let _ = writeln!(out, "<{tag}>");
            for item in items {
                let _ = writeln!(out, "<li>{}</li>", escape(item));
            }
            let _ = writeln!(out, "</{tag}>");
        }
        Block::Table { columns, rows } => {
            out.push_str("<table>\n<thead><tr>");
            for c in columns {
                let _ = write!(out, "<th>{}</th>", escape(c));
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for row in rows {
                out.push_str("<tr>");
                for cell in row {
                    let _ = write!(out, "<td>{}</td>", escape(cell));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        Block::Terms { items } => {
            out.push_str("<dl>\n");
            for item in items {
                let _ = writeln!(out, "<dt>{}</dt>", escape(&item.term));
                for line in &item.lines {
                    let _ = writeln!(out, "<dd>{}</dd>", escape(line));
                }
            }
            out.push_str("</dl>\n");
        }
        Block::SignOff { parties } => {
            out.push_str("<div class=\"signoff\">\n");
            for party in parties {
                let _ = write!(out, "<div class=\"party\"><h3>{}</h3>", escape(&party.role));
                for field in &party.fields {
                    let _ = write!(out, "<p>{}:</p>", escape(field));
                }
                out.push_str("</div>\n");
            }
            out.push_str("</div>\n");
        }
    }
}

/// Text as HTML text or attribute value: the five characters that could start markup or end
/// an attribute are written as entities.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_a_text_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }
}
