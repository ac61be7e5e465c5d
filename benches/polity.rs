//! In-process figures for the peer benchmark: load, the three questions and the exports
//! on a converted peer corpus (see `bench/run.sh` and BENCHMARKS.md).
//!
//! `POLITY_BENCH_N=1000000 cargo bench --bench polity` measures `bench/data/nN/facts`
//! (default N = 100000; make it with `bench/run.sh N` or `bench/corpus_to_facts.py`).
//! Without that folder every benchmark is skipped. The floor is what merely reading the
//! same files costs: each parsed by `serde_json` into `IgnoredAny`, in parallel as polity
//! parses them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::PathBuf;
use std::sync::LazyLock;

use polity::date::FuzzyDate;
use polity::export::{self, Filter, Format, Options};
use polity::graph::Graph;
use polity::query::{neighbours, partners, path};
use polity::time::{Activity, Period, TimeQuery};
use polity::{FactsOrigin, load_facts};

fn main() {
    if CORPUS.is_none() {
        eprintln!("skipped: no corpus at bench/data/n{}/facts", n());
        return;
    }
    divan::main();
}

fn n() -> String {
    std::env::var("POLITY_BENCH_N").unwrap_or_else(|_| "100000".to_owned())
}

/// The facts folder and the questions' parameters.
struct Corpus {
    facts: PathBuf,
    hub: String,
    t: String,
    q3: (String, String),
}

static CORPUS: LazyLock<Option<Corpus>> = LazyLock::new(|| {
    let dir = PathBuf::from(format!("bench/data/n{}", n()));
    let params: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("params.json")).ok()?).ok()?;
    let s = |k: &str| params[k].as_str().map(str::to_owned);
    let facts = dir.join("facts");
    facts.is_dir().then_some(())?;
    Some(Corpus {
        facts,
        hub: s("hub")?,
        t: s("T")?,
        q3: (s("q3_from")?, s("q3_to")?),
    })
});

fn corpus() -> &'static Corpus {
    CORPUS.as_ref().expect("checked in main")
}

static GRAPH: LazyLock<Graph> = LazyLock::new(|| {
    let checked = load_facts(&FactsOrigin::Dir(corpus().facts.clone()));
    let g = Graph::build(checked.facts);
    // The first walk builds the adjacency the walks share; the questions below are timed
    // after it, as on a graph that has answered one question.
    let _ = g.links(0).count();
    g
});

fn actor(name: &str) -> usize {
    GRAPH.resolve(name).expect("the corpus names it")
}

/// Reading and parsing every fact file into `IgnoredAny`: the floor of `check`.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn floor_parse_ignored_any() -> usize {
    let (paths, _) = polity::load::discover(&corpus().facts);
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..2)
            .map(|_| {
                s.spawn(|| {
                    let mut n = 0;
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(p) = paths.get(i) else { break n };
                        let text = std::fs::read_to_string(p).unwrap();
                        let _: serde::de::IgnoredAny = serde_json::from_str(&text).unwrap();
                        n += text.len();
                    }
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).sum()
    })
}

/// `polity check`: read, parse, validate.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn check() -> usize {
    let checked = load_facts(&FactsOrigin::Dir(corpus().facts.clone()));
    checked.facts.relations.len()
}

/// Building the graph (ties, spans) from validated facts.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn graph_build(b: divan::Bencher) {
    b.with_inputs(|| load_facts(&FactsOrigin::Dir(corpus().facts.clone())).facts)
        .bench_values(Graph::build);
}

/// Q1: partners of the hub at T, direct only.
#[divan::bench(sample_count = 20)]
fn q1_partners(b: divan::Bencher) {
    let hub = actor(&corpus().hub);
    let t = Period::of(&FuzzyDate::parse(&corpus().t).unwrap());
    let opts = partners::Options {
        time: TimeQuery::At(t),
        certain: false,
        direct: true,
        kind: None,
    };
    b.bench(|| partners::partners(&GRAPH, hub, &opts).len());
}

/// Q2: the hub's 2-hop neighbourhood, no time filter.
#[divan::bench(sample_count = 10)]
fn q2_neighbours(b: divan::Bencher) {
    let hub = actor(&corpus().hub);
    b.bench(|| neighbours::neighbours(&GRAPH, hub, 2, TimeQuery::Always, Activity::Maybe).len());
}

/// Q3: the shortest path between the two Q3 actors, no time filter.
#[divan::bench(sample_count = 10)]
fn q3_path(b: divan::Bencher) {
    let (a, z) = (actor(&corpus().q3.0), actor(&corpus().q3.1));
    b.bench(|| path::path(&GRAPH, a, z, TimeQuery::Always, 6, Activity::Maybe).map(|p| p.len()));
}

/// `export csv --edges-only` of every relation, into memory.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn export_csv_edges() -> usize {
    let sel = export::select_for(&GRAPH, &Filter::default(), Format::Csv.needs_facts());
    let opts = Options {
        edges_only: true,
        ..Options::default()
    };
    export::export(Format::Csv, &sel, &opts).unwrap()[0]
        .bytes
        .len()
}

/// `export dot --around HUB`: the hub, its neighbours and every link among them.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn export_dot_around_hub() -> usize {
    let filter = Filter {
        around: Some((actor(&corpus().hub), 1)),
        ..Filter::default()
    };
    let sel = export::select_for(&GRAPH, &filter, Format::Dot.needs_facts());
    export::export(Format::Dot, &sel, &Options::default()).unwrap()[0]
        .bytes
        .len()
}
