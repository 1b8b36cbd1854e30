//! `treaty-tui check` and loading at start-up: exit codes and the exact messages for bad input.

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_treaty-tui")).args(args).env_remove("NO_COLOR").output().expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

/// Checks an invalid fixture: exit 1, nothing on stdout, no raw control character in the
/// message, and the message itself.
fn invalid(name: &str) -> String {
    let path = format!("tests/fixtures/invalid/{name}.ron");
    let out = run(&["check", &path]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
    assert!(out.stdout.is_empty());
    assert!(!stderr.chars().any(treaty_tui::text::is_hostile), "{name}: a control character reached the output");
    stderr
}

macro_rules! invalid_fixture {
    ($($name:ident),* $(,)?) => {$(
        #[test]
        fn $name() {
            insta::assert_snapshot!(invalid(stringify!($name)));
        }
    )*};
}

invalid_fixture!(
    syntax,
    wrong_type,
    missing_field,
    unknown_field,
    duplicate_id,
    unknown_id,
    impossible_date,
    end_before_start,
    empty_title,
    article_numbers,
    control_characters,
    invalid_utf8,
    empty,
    deep_nesting,
    many_problems,
    type_errors_in_several_entries,
    number_too_large,
    unclosed_quote,
    loose_dates,
    treaty_structure,
    bad_parallels,
    anchors,
    wording_and_series,
);

#[test]
fn the_bundled_corpus_is_valid() {
    let out = run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "<bundled treaty.ron>: valid: 37 entries, 27 clauses, 58 events\n");
}

#[test]
fn a_byte_order_mark_and_crlf_line_endings_are_accepted() {
    let out = run(&["check", "tests/fixtures/valid/bom_crlf.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "tests/fixtures/valid/bom_crlf.ron: valid: 1 entry, 0 clauses, 0 events\n");
}

#[test]
fn a_missing_file_cannot_be_read() {
    let out = run(&["check", "tests/fixtures/no-such-file.ron"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: cannot read tests/fixtures/no-such-file.ron: no such file; check the path, or leave it out to use the bundled corpus\n"
    );
}

#[test]
fn a_directory_cannot_be_read() {
    let out = run(&["check", "tests/fixtures"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: cannot read tests/fixtures: tests/fixtures is a directory with no corpus file (.ron) or published text (.xml, .akn, .txt, .md) in it\n"
    );
}

#[test]
fn a_file_over_the_size_cap_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.ron");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(treaty_tui::read::source::SIZE_CAP + 1).unwrap(); // sparse: nothing is written
    let out = run(&["check", big.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: cannot read {}: it is 257 MiB, over the 256 MiB limit for a corpus file; split its entries into several .ron files and open them together (all named, or the directory holding them)\n",
            big.display()
        )
    );
}

#[cfg(unix)]
#[test]
fn an_endless_device_is_cut_off_at_the_size_cap() {
    let out = run(&["check", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: cannot read /dev/zero: it holds more than the 256 MiB limit for a corpus file; split its entries into several .ron files and open them together (all named, or the directory holding them)\n"
    );
}

/// A named pipe that no writer opens is not an empty corpus: after the documented wait
/// (`SILENCE`), it cannot be read.
#[cfg(unix)]
#[test]
fn a_pipe_with_no_writer_cannot_be_read_and_does_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("corpus.ron");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path and a plain mode.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let out = run(&["check", fifo.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: cannot read {}: nothing came from it for {} seconds (a pipe with no writer, or a writer that \
             sends nothing); write the corpus to a file and name that\n",
            fifo.display(),
            treaty_tui::read::source::SILENCE.as_secs()
        )
    );
}

/// A pipe cannot be read twice, so its problems are pointed at in what was read the once.
#[cfg(unix)]
#[test]
fn problems_in_a_piped_corpus_point_into_what_was_piped() {
    let path = "tests/fixtures/invalid/duplicate_id.ron";
    let mut child = Command::new(env!("CARGO_BIN_EXE_treaty-tui"))
        .args(["check", "/dev/stdin"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    std::io::Write::write_all(&mut pipe, &std::fs::read(path).unwrap()).unwrap();
    drop(pipe);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let piped = text(&out.stderr);
    assert_eq!(piped, invalid("duplicate_id").replace(path, "/dev/stdin"));
}

#[test]
fn the_explorer_reports_an_invalid_corpus_before_touching_the_terminal() {
    let out = run(&["tests/fixtures/invalid/duplicate_id.ron"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "nothing may reach the terminal");
    assert_eq!(text(&out.stderr), invalid("duplicate_id"));
}

#[test]
fn the_explorer_needs_a_terminal() {
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "no escape sequence may be written");
    assert_eq!(
        text(&out.stderr),
        "treaty-tui: the explorer needs a terminal on standard input and output; without one, use `treaty-tui check [FILE]`, `treaty-tui search QUERY [FILE]` or `treaty-tui export [FILE]`\n"
    );
}

#[test]
fn every_fixture_named_here_exists() {
    for entry in std::fs::read_dir("tests/fixtures/invalid").unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let snapshot = format!("tests/snapshots/check__{stem}.snap");
        assert!(Path::new(&snapshot).exists(), "{} has no test", path.display());
    }
}

#[test]
fn the_example_in_the_format_reference_is_valid() {
    let reference = std::fs::read_to_string("assets/FORMAT.md").unwrap();
    let example = reference
        .split("```ron\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("FORMAT.md has a ron example");
    let corpus = treaty_tui::read::load::load_str(example).unwrap_or_else(|d| panic!("{d:#?}"));
    assert_eq!(corpus.entries.len(), 2);
    assert_eq!(corpus.entries[0].clauses.len(), 4, "preamble, two articles and an annex");
    assert_eq!(corpus.events[1].when.to_string(), "c. 1920");
    assert_eq!(corpus.events[2].when.to_string(), "summer 1940 – January 1941");
}

/// The reference's other examples, entries and an article's paragraphs, are valid where
/// they stand, and hold what they show.
#[test]
fn every_example_in_the_format_reference_is_valid() {
    let reference = std::fs::read_to_string("assets/FORMAT.md").unwrap();
    let examples: Vec<&str> = reference.split("```ron\n").skip(2).filter_map(|rest| rest.split("```").next()).collect();
    assert_eq!(examples.len(), 2, "the chapters example and the list items example");
    let corpus = |entries: &str| format!("Corpus(title: \"T\", entries: [{entries}])");
    let treaty = treaty_tui::read::load::load_str(&corpus(examples[0])).unwrap_or_else(|d| panic!("{d:#?}"));
    let tpp = &treaty.entries[0];
    assert_eq!((tpp.chapters.len(), tpp.clauses.len()), (3, 2));
    assert_eq!(treaty.versions(0), [0, 1]);
    assert_eq!(treaty.signature_line(0).unwrap(), "Signed in Auckland on 4 February 2016");
    let article =
        format!("Entry(id: \"a\", title: \"A\", kind: Treaty, summary: \"s\", articles: [Article({})])", examples[1]);
    let listed = treaty_tui::read::load::load_str(&corpus(&article)).unwrap_or_else(|d| panic!("{d:#?}"));
    assert_eq!(&*listed.entries[0].clauses[0].levels, [0, 1, 2, 2, 1]);
}

#[test]
fn open_with_an_unknown_id_exits_2_naming_the_closest() {
    let out = run(&["--open", "molotv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(text(&out.stderr), "treaty-tui: no entry has the id `molotv`; did you mean `molotov`?\n");
    let out = run(&["--open", "treaty#9"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr), "treaty-tui: `treaty` has no part `9`; it has: preamble, 1, 2, 3, 4, 5, 6, annex1\n");
}

#[test]
fn search_prints_hits_best_first_as_tab_separated_lines() {
    let out = run(&["search", "liepaja"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "place\tliepaja\ttitle\tLiepāja");
    assert_eq!(lines[1], "treaty\ttreaty#3\tarticle 3\t…in Latvia were at Liepāja, Ventspils, Priekule and Pitrags.");
    assert_eq!(lines.len(), 5);
    assert!(lines.iter().all(|l| l.split('\t').count() == 4));
}

#[test]
fn search_as_json_lines() {
    let out = run(&["search", "--json", "orzel", "tests/fixtures/valid/bom_crlf.ron"]);
    assert_eq!(out.status.code(), Some(1), "no hits in a corpus without the word");
    assert!(out.stdout.is_empty());
    let out = run(&["search", "orzel", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let first: serde_json::Value = serde_json::from_str(text(&out.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(
        first,
        serde_json::json!({
            "kind": "event", "id": "orzel-incident", "title": "Orzeł incident",
            "where": "title", "snippet": "Orzeł incident", "marks": [[0, 5]],
            "score": first["score"].as_f64().filter(|&s| s > 0.0), "named": "title", "typo": false,
            "matched": ["orzel"]
        })
    );
    let named: Vec<&str> =
        text(&out.stdout).lines().map(|l| if l.contains(r#""named":null"#) { "not" } else { "named" }).collect();
    assert!(named.is_sorted_by_key(|n| *n == "not") && named.contains(&"not"), "named hits first: {named:?}");
    for line in text(&out.stdout).lines() {
        let hit: serde_json::Value = serde_json::from_str(line).expect("every line is JSON");
        assert!(hit["id"].is_string() && hit["marks"].is_array());
        // Marks count characters, as the JSON export's link ranges do.
        let snippet: Vec<char> = hit["snippet"].as_str().unwrap().chars().collect();
        for mark in hit["marks"].as_array().unwrap() {
            let (start, end) = (mark[0].as_u64().unwrap() as usize, mark[1].as_u64().unwrap() as usize);
            let marked: String = snippet[start..end].iter().collect();
            assert!(marked.to_lowercase().starts_with("orz"), "{marked:?} in {line}");
        }
    }
    let scores: Vec<f64> = text(&out.stdout)
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap()["score"].as_f64().unwrap())
        .collect();
    assert!(scores.len() > 2 && scores.windows(2).all(|w| w[0] >= w[1]), "best first: {scores:?}");
}

#[test]
fn search_refuses_a_query_longer_than_the_prompt_takes() {
    let query = "sovereignty ".repeat(200);
    let out = run(&["search", &query]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr), "treaty-tui: the query is longer than 2,000 characters; search for fewer words\n");
}

#[test]
fn search_exit_codes() {
    assert_eq!(run(&["search", "xyzzy"]).status.code(), Some(1));
    let out = run(&["search", "orzel", "tests/fixtures/no-such-file.ron"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("error: cannot read"));
    let out = run(&["search", "orzel", "tests/fixtures/invalid/duplicate_id.ron"]);
    assert_eq!(out.status.code(), Some(2), "an invalid corpus is an error, not an empty result");
    assert!(text(&out.stderr).contains("is used by two entries"));
}

/// Past the first hundred, problems are counted by kind rather than shown, each shown one
/// still where it stands.
#[test]
fn problems_past_the_first_hundred_are_counted_by_kind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.ron");
    let links: Vec<String> = (0..150).map(|i| format!("[[x{i}]]")).collect();
    let corpus = format!(
        "Corpus(title: \"T\", entries: [Entry(id: \"a\", title: \"A\", kind: Place, summary: \"{} \\u{{1b}}\\u{{1b}}\")])",
        links.join(" ")
    );
    std::fs::write(&path, &corpus).unwrap();
    let out = run(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.matches("\n  |\nhelp: ").count(), 100, "a hundred shown");
    let column = corpus.find("[[x97]]").unwrap() + 3;
    assert!(stderr.contains(&format!("many.ron:1:{column}\n")), "each located: {stderr}");
    assert!(
        stderr.ends_with(&format!(
            "error: {} has 152 problems; 100 are shown above, and 52 more are not (52 unknown ids): fix these and \
             check again\n",
            path.display()
        )),
        "{}",
        &stderr[stderr.len() - 300..]
    );
}

/// A long line is shown around the place meant, cut with an ellipsis, under its true line
/// and column.
#[test]
fn a_long_line_is_shown_around_its_problem() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.ron");
    let corpus = format!(
        "Corpus(title: \"T\", entries: [Entry(id: \"a\", title: \"A\", kind: Place, summary: \"{}[[nowhere]] and the end.\")])",
        "a long summary ".repeat(100)
    );
    std::fs::write(&path, &corpus).unwrap();
    let stderr = text(&run(&["check", path.to_str().unwrap()]).stderr);
    let at = corpus.find("nowhere").unwrap();
    let expected = format!(
        "error: no entry has the id `nowhere`\n --> {}:1:{}\n  |\n1 | …{}\n  |{}^^^^^^^ unknown id\n  |\n",
        path.display(),
        at + 1,
        &corpus[at - 60..],
        " ".repeat(1 + 1 + 60),
    );
    assert!(stderr.starts_with(&expected), "expected:\n{expected}\ngot:\n{stderr}");
}

/// `search` on a large corpus keeps the corpus, its index and the text of its hits, reads
/// them the next time, and keeps them again, never trusting them, when they are damaged.
#[test]
fn search_keeps_a_large_corpus_and_its_index_and_rebuilds_a_damaged_index() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("corpus.ron");
    std::fs::write(&file, treaty_tui::synth::corpus(4, 2600)).unwrap();
    assert!(std::fs::metadata(&file).unwrap().len() > 4 << 20, "large enough to be kept");
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options().write(true).open(&file).unwrap().set_modified(an_hour_ago).unwrap();
    let state = dir.path().join("state");
    let search_in = |state: &Path, query: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_treaty-tui"))
            .args(["search", "--json", query, file.to_str().unwrap()])
            .env("XDG_STATE_HOME", state)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let search = || search_in(&state, "sovereignty garrison");
    let first = search();
    assert!(first.lines().count() > 10);
    let kept: Vec<std::path::PathBuf> =
        std::fs::read_dir(state.join("treaty-tui")).unwrap().map(|entry| entry.unwrap().path()).collect();
    let index = kept.iter().find(|p| p.extension().is_some_and(|e| e == "index")).expect("the index is kept");
    assert!(kept.iter().any(|p| p.extension().is_some_and(|e| e == "corpus")), "the corpus is kept");
    assert_eq!(search(), first, "read back, the same hits");
    // A query with few hits reads only the postings and the text it needs, and prints
    // what reading the whole corpus prints.
    let corpus = treaty_tui::read::load::load_file(&file).unwrap();
    let rare = format!("{} {}", corpus.entries[1234].title, corpus.entries[1234].summary.plain);
    let rare: String = rare.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
    let fresh = dir.path().join("fresh");
    assert_eq!(search_in(&state, &rare), search_in(&fresh, &rare), "{rare}");
    // Many hits are read in the order they are kept in and printed in their own.
    let lines_in = |state: &Path| {
        let out = Command::new(env!("CARGO_BIN_EXE_treaty-tui"))
            .args(["search", "treaty", file.to_str().unwrap()])
            .env("XDG_STATE_HOME", state)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let (kept_lines, fresh_lines) = (lines_in(&state), lines_in(&dir.path().join("fresh again")));
    assert!(kept_lines.lines().count() > 1000, "{}", kept_lines.lines().count());
    assert_eq!(kept_lines, fresh_lines);
    // Damaged wherever a search would read it (a byte in every thousand), what is kept is
    // not used, and is kept again.
    let shown = kept.iter().find(|p| p.extension().is_some_and(|e| e == "shown")).expect("the hits' text is kept");
    for kept in [index, shown] {
        let mut damaged = std::fs::read(kept).unwrap();
        for at in (0..damaged.len()).step_by(1000) {
            damaged[at] ^= 0x55;
        }
        std::fs::write(kept, &damaged).unwrap();
        assert_eq!(search(), first, "{} damaged is not used", kept.display());
        assert_ne!(std::fs::read(kept).unwrap(), damaged, "and is kept again");
        assert_eq!(search(), first);
    }
}

/// `check` lets go of each text once checked; it finds what loading the corpus finds, and
/// counts what it holds: on every fixture, and on a corpus large enough to be read in
/// batches and checked in two parts, with mistakes in its texts far into it.
#[test]
fn checking_finds_what_loading_finds() {
    use treaty_tui::read::load::{Counts, LoadError, check_file, load_file};
    let mut large = treaty_tui::synth::corpus(3, 6000);
    let last = large.rfind("[[e").expect("a link");
    large.replace_range(last..last + 3, "[[nosuch");
    let late = large.len() * 9 / 10;
    let quote = late + large[late..].find("summary: \"").expect("a summary") + "summary: \"".len();
    large.insert_str(quote, "an [[unclosed link, and ");
    let dir = tempfile::tempdir().unwrap();
    let generated = dir.path().join("large.ron");
    std::fs::write(&generated, &large).unwrap();
    let valid = dir.path().join("valid.ron");
    std::fs::write(&valid, treaty_tui::synth::corpus(4, 5000)).unwrap();
    let fixtures = std::fs::read_dir("tests/fixtures/invalid").unwrap().map(|f| f.unwrap().path());
    let mut problems = 0;
    for path in fixtures.chain([generated, valid]) {
        let shown = path.display();
        match (load_file(&path), check_file(&path)) {
            (Ok(corpus), Ok(counts)) => assert_eq!(Counts::of(&corpus), counts, "{shown}"),
            (
                Err(LoadError::Invalid { diagnostics: loaded, .. }),
                Err(LoadError::Invalid { diagnostics: checked, .. }),
            ) => {
                assert_eq!(format!("{checked:?}"), format!("{loaded:?}"), "{shown}");
                problems += 1;
            }
            (Err(LoadError::Read(_)), Err(LoadError::Read(_))) => {}
            (loaded, checked) => panic!("{shown}: loading gave {loaded:?}, checking {checked:?}"),
        }
    }
    assert!(problems > 20, "the fixtures and the large corpus have problems: {problems}");
}

#[test]
fn a_treaty_series_without_a_name_is_refused_where_it_stands() {
    let text = r#"Corpus(title: "T", entries: [Entry(id: "a", title: "A", kind: Treaty, summary: "s",
        series: Series(name: " ", volume: 198), articles: [Article(number: 1, text: ["t"])])])"#;
    let problems = treaty_tui::read::load::load_str(text).expect_err("an empty series name is refused");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].message, "a treaty series has an empty name");
    assert_eq!(&text[problems[0].span.clone()], "\" \"");
}

#[test]
fn a_treaty_in_force_before_it_was_signed_is_refused_where_it_says_so() {
    let text = r#"Corpus(title: "T", entries: [Entry(id: "a", title: "A", kind: Treaty, summary: "s",
        start: "1939-10-05", in_force: "1939-10-04", articles: [Article(number: 1, text: ["t"])])])"#;
    let problems = treaty_tui::read::load::load_str(text).expect_err("in force before it was signed");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].message, "it enters into force (4 October 1939) before it begins (5 October 1939)");
    assert_eq!(&text[problems[0].span.clone()], "\"1939-10-04\"");
    let fine = text.replace("1939-10-04", "1939-10-11");
    let corpus = treaty_tui::read::load::load_str(&fine).unwrap();
    assert_eq!(corpus.entries[0].kind_and_dates(), "treaty · 5 October 1939 · in force 11 October 1939");
}
