//! `polity export`: the graph, or the part the filters select, as files that Graphviz,
//! Gephi, yEd, Cytoscape, networkx, spreadsheets, Neo4j, Memgraph, SPARQL stores and
//! event-data tools open.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::args;
use super::{Context, Failure};
use crate::export::{self, ExportError, File, Filter, Format, Options, atomic};
use crate::graph::Graph;
use crate::load::plain_io;
use crate::suggest;
use crate::time::{Period, TimeQuery};

/// Export the graph for other programs: Graphviz diagrams, spreadsheet CSV, JSON,
/// GraphML (yEd, Cytoscape, networkx), GEXF (Gephi, with a working timeline), graph
/// databases (Neo4j import CSVs, a Cypher script), RDF (Turtle, N-Triples) and PLOVER
/// event lines.
///
/// Without a time filter everything is exported, with its dates; --at, --during and
/// --throughout keep only what is active then. Output is sorted, so exports diff cleanly,
/// and files are written atomically: a failure never leaves a half-written file.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  polity export dot --around Mali --at 2025-09-01 > mali.dot
  polity export svg --around Mali --at 2025-09-01 -o mali.svg
  polity export csv -o tables/                    nodes.csv and edges.csv
  polity export csv --edges-only --excel -o edges.csv
  polity export gexf -o sahel.gexf                open in Gephi, use the timeline
  polity export graphml --type member_of joined --kind state alliance
  polity export neo4j -o neo4j/                   then: neo4j-admin database import full …
  polity export cypher -o polity.cypher           then: cypher-shell -f polity.cypher
  polity export ttl -o polity.ttl                 load into any SPARQL store
  polity export jsonl -o events.jsonl             PLOVER event records, one per line
  polity export all -o exports/                   every format and a README.md

svg, png and pdf need Graphviz's `dot` (apt-get install graphviz, brew install graphviz).")]
#[command(mut_arg("at", |a| {
    a.help("Only what is active at this date (a partial date is one unknown day in it)")
}))]
pub struct Args {
    /// What to write
    #[arg(value_enum)]
    format: FormatArg,

    /// Where to write: a file, or `-` for standard output (the default for one-file
    /// formats); a folder for csv (without --edges-only), neo4j and all; a file given as an
    /// existing folder gets its usual name in it (polity.dot, …)
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,

    #[command(flatten)]
    time: args::TimeArgs,

    /// Only this actor and the actors within --depth hops of it (over links active at
    /// the asked time), with the links among them
    #[arg(long, value_name = "ACTOR")]
    around: Option<String>,

    /// Hops from the --around actor [default: 1]
    #[arg(long, value_name = "N", requires = "around")]
    depth: Option<usize>,

    /// Only relations of these types (vocabulary ids), and the actors they link; a
    /// derived tie counts as its tie type
    #[arg(long = "type", value_name = "TYPE", num_args = 1.., value_delimiter = ',')]
    types: Vec<String>,

    /// Only actors of these kinds
    #[arg(long = "kind", value_enum, value_name = "KIND", num_args = 1.., value_delimiter = ',')]
    kinds: Vec<crate::model::ActorKind>,

    /// csv: write edges.csv only, to -o FILE or standard output
    #[arg(long)]
    edges_only: bool,

    /// csv: start with the byte-order mark Excel needs for accents, and prefix cells
    /// beginning with = + - @ (formulas) with '
    #[arg(long)]
    excel: bool,

    /// all: leave out the svg, png and pdf images, so Graphviz is not needed
    #[arg(long)]
    no_images: bool,
}

/// An export format on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FormatArg {
    /// Graphviz DOT text (diagram source)
    Dot,
    /// SVG diagram (needs Graphviz)
    Svg,
    /// PNG diagram (needs Graphviz)
    Png,
    /// PDF diagram (needs Graphviz)
    Pdf,
    /// nodes.csv and edges.csv for spreadsheets
    Csv,
    /// The resolved graph as JSON
    Json,
    /// GraphML for yEd, Cytoscape, networkx
    Graphml,
    /// GEXF 1.3 for Gephi, with time intervals
    Gexf,
    /// CSV files for `neo4j-admin database import` (actors, sources, relations)
    Neo4j,
    /// An idempotent Cypher script (MERGE) for a running Neo4j or Memgraph
    Cypher,
    /// RDF Turtle, for SPARQL stores
    Ttl,
    /// RDF N-Triples (the Turtle's triples, one per line)
    Nt,
    /// Events as JSON lines in the PLOVER layout
    Jsonl,
    /// Every format into a folder, with a README.md
    All,
}

impl FormatArg {
    fn format(self) -> Option<Format> {
        Some(match self {
            FormatArg::Dot => Format::Dot,
            FormatArg::Svg => Format::Svg,
            FormatArg::Png => Format::Png,
            FormatArg::Pdf => Format::Pdf,
            FormatArg::Csv => Format::Csv,
            FormatArg::Json => Format::Json,
            FormatArg::Graphml => Format::Graphml,
            FormatArg::Gexf => Format::Gexf,
            FormatArg::Neo4j => Format::Neo4j,
            FormatArg::Cypher => Format::Cypher,
            FormatArg::Ttl => Format::Ttl,
            FormatArg::Nt => Format::Nt,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::All => return None,
        })
    }
}

/// True when `path` (which may not exist yet) lies inside `folder`.
fn inside(path: &Path, folder: &Path) -> bool {
    let Ok(folder) = std::fs::canonicalize(folder) else {
        return false;
    };
    // Resolve the deepest existing ancestor, then re-attach the rest.
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(ToOwned::to_owned),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = if parent.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    parent.to_path_buf()
                };
            }
            _ => return false,
        }
    }
    let Ok(mut full) = std::fs::canonicalize(&existing) else {
        return false;
    };
    full.extend(rest.iter().rev());
    full.starts_with(folder)
}

/// Runs `polity export`.
pub fn run(cx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    let misplaced = [
        (args.edges_only, "--edges-only", "csv"),
        (args.excel, "--excel", "csv"),
        (args.no_images, "--no-images", "all"),
    ];
    for (given, flag, format) in misplaced {
        let applies = match args.format {
            FormatArg::Csv => format == "csv",
            FormatArg::All => true,
            _ => false,
        };
        if given && !applies {
            return Err(Failure::Usage(format!(
                "{flag} applies to `export {format}` only"
            )));
        }
    }
    if let (Some(out), crate::FactsOrigin::Dir(facts)) = (args.output.as_deref(), &cx.origin)
        && inside(out, facts)
    {
        return Err(Failure::Usage(format!(
            "refusing to write into the facts folder `{}`: polity never changes fact files; choose another -o",
            facts.display()
        )));
    }
    let g = cx.graph()?;
    let filter = filter(&g, args)?;
    let sel = export::select_for(
        &g,
        &filter,
        args.format.format().is_none_or(export::Format::needs_facts),
    );
    let opts = Options {
        edges_only: args.edges_only,
        excel: args.excel,
        now: Some(match filter.time {
            TimeQuery::At(p) => p,
            _ => Period::day(args::today()),
        }),
    };
    let stdout = args.output.as_deref().is_none_or(|p| p == Path::new("-"));
    match args.format.format() {
        None => {
            let dir = folder(args, stdout, "export all writes a folder; give -o DIR")?;
            let files = export::all(&sel, &opts, !args.no_images).map_err(failure)?;
            write_folder(dir, &files)?;
        }
        Some(format) if format.needs_folder(&opts) => {
            let names = format.file_names(&opts).join(" and ");
            let hint = if format == Format::Csv {
                format!("csv writes {names}; give -o DIR, or --edges-only for one file")
            } else {
                format!("{} writes {names}; give -o DIR", format.name())
            };
            let dir = folder(args, stdout, &hint)?;
            let files = export::export(format, &sel, &opts).map_err(failure)?;
            write_folder(dir, &files)?;
        }
        Some(format) => {
            if stdout && format.is_binary() && io::stdout().is_terminal() {
                return Err(Failure::Usage(format!(
                    "{} is binary and standard output is a terminal; give -o FILE",
                    format.name()
                )));
            }
            let files = export::export(format, &sel, &opts).map_err(failure)?;
            for f in &files {
                match args.output.as_deref() {
                    Some(p) if !stdout => {
                        let target = if p.is_dir() {
                            p.join(&f.name)
                        } else {
                            p.to_owned()
                        };
                        write_file(&target, f)?;
                    }
                    _ => {
                        let mut out = io::stdout().lock();
                        out.write_all(&f.bytes)?;
                        out.flush()?;
                    }
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[allow(clippy::needless_pass_by_value)] // used as `map_err(failure)`
fn failure(e: ExportError) -> Failure {
    Failure::Usage(e.to_string())
}

fn folder<'a>(args: &'a Args, stdout: bool, hint: &str) -> Result<&'a Path, Failure> {
    match args.output.as_deref() {
        Some(p) if !stdout => Ok(p),
        _ => Err(Failure::Usage(hint.to_owned())),
    }
}

fn write_file(path: &Path, f: &File) -> Result<(), Failure> {
    atomic::write(path, &f.bytes)
        .map_err(|e| Failure::Usage(format!("cannot write {}: {}", path.display(), plain_io(&e))))
}

fn write_folder(dir: &Path, files: &[File]) -> Result<(), Failure> {
    std::fs::create_dir_all(dir).map_err(|e| {
        Failure::Usage(format!(
            "cannot create folder {}: {}",
            dir.display(),
            plain_io(&e)
        ))
    })?;
    for f in files {
        write_file(&dir.join(&f.name), f)?;
    }
    Ok(())
}

/// The export filter the options ask for; unknown actors and types are usage errors.
fn filter(g: &Graph, args: &Args) -> Result<Filter, Failure> {
    let t = &args.time;
    let around = match &args.around {
        Some(name) => Some((args::actor(g, name)?, args.depth.unwrap_or(1))),
        None => None,
    };
    let mut types = Vec::new();
    for ty in &args.types {
        let Some(&i) = g.facts.type_ix.get(ty) else {
            let mut known: Vec<&str> = g.facts.type_ix.keys().map(String::as_str).collect();
            known.sort_unstable();
            let hint = match suggest::closest(ty, known) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "relation types are the ids in the facts' vocabulary".to_owned(),
            };
            return Err(Failure::Usage(format!("no relation type `{ty}`; {hint}")));
        };
        types.push(i);
    }
    types.sort_unstable();
    types.dedup();
    let mut kinds: Vec<_> = args.kinds.clone();
    kinds.sort_unstable();
    kinds.dedup();
    // As given, except that `today` becomes its date.
    let time_text = match t
        .at
        .as_ref()
        .or(t.during.as_ref())
        .or(t.throughout.as_ref())
    {
        Some(text) => Some(args::date(text)?.to_string()),
        None => None,
    };
    Ok(Filter {
        time: t.filter()?,
        time_text,
        around,
        types,
        kinds,
    })
}
