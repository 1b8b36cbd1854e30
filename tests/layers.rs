//! The walls between the layers: every `crate::` path in the sources is read, and a module
//! may name only modules of its own layer or below. So the model and the readers never name
//! the app or the views, the app never names the views, and no two layers name each other.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, from the bottom. The generator of corpora names nothing of the program; the
/// fuzz body stands on top of all.
const LAYERS: &[&str] =
    &["text", "synth", "model", "read", "import", "search", "compare", "cite", "keep", "app", "ui", "cli", "fuzz"];

fn layer(module: &str) -> usize {
    LAYERS.iter().position(|&l| l == module).unwrap_or_else(|| panic!("`{module}` is in no layer: add it to LAYERS"))
}

/// The top-level module a source file belongs to: `src/app/update.rs` → `app`.
fn module_of(path: &Path) -> String {
    let relative = path.strip_prefix("src").unwrap();
    let first = relative.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_string()
}

/// Every top-level module `source` names through `crate::`, outside comments and tests (a
/// test may build what it needs from any layer).
fn named(source: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in source.lines().take_while(|&line| line != "#[cfg(test)]") {
        let code = line.split("//").next().unwrap_or("");
        for (at, _) in code.match_indices("crate::") {
            let rest = &code[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // `crate::{a, b::c}`: each group's first name.
                let group = group.split('}').next().unwrap_or("");
                found.extend(group.split(',').map(|p| p.trim().split("::").next().unwrap_or("").to_string()));
            } else {
                let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                found.insert(name);
            }
        }
    }
    found.retain(|name| !name.is_empty());
    found
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs")
            && path != Path::new("src/main.rs")
            && path != Path::new("src/lib.rs")
        {
            out.push(path);
        }
    }
}

#[test]
fn no_layer_names_one_above_it() {
    let mut files = Vec::new();
    sources(Path::new("src"), &mut files);
    let mut edges: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for file in &files {
        let from = module_of(file);
        for to in named(&std::fs::read_to_string(file).unwrap()) {
            if to != from {
                edges.entry((from.clone(), to)).or_default().push(file.display().to_string());
            }
        }
    }
    let wrong: Vec<String> = edges
        .iter()
        .filter(|((from, to), _)| layer(to) > layer(from))
        .map(|((from, to), files)| format!("{from} names {to}, above it, in {}", files.join(", ")))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // With every edge pointing down, no two layers can name each other.
    for (from, to) in edges.keys() {
        assert!(!edges.contains_key(&(to.clone(), from.clone())), "{from} and {to} name each other");
    }
}

#[test]
fn the_reader_finds_what_a_source_names() {
    let source = "use crate::model::{Corpus, Entry};\nuse crate::{search, text::wrap};\n// crate::ui is only mentioned\nlet x = crate::app::App::new(c);";
    assert_eq!(named(source), ["app", "model", "search", "text"].into_iter().map(String::from).collect());
}

/// The modules of one folder a source file names (`crate::read::source`, `super::source`
/// from `src/read/load.rs`), outside comments and tests, each as its folder's file or folder.
fn siblings_named(source: &str, folder: &str, depth: usize) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let prefixes = [format!("crate::{folder}::"), if depth == 2 { "super::".to_string() } else { String::new() }];
    for line in source.lines().take_while(|&line| line != "#[cfg(test)]") {
        let code = line.split("//").next().unwrap_or("");
        for prefix in prefixes.iter().filter(|p| !p.is_empty()) {
            for (at, _) in code.match_indices(prefix.as_str()) {
                if prefix == "super::" && at >= 7 && code[..at].ends_with("crate::") {
                    continue;
                }
                let rest = &code[at + prefix.len()..];
                let names: Vec<&str> = match rest.strip_prefix('{') {
                    Some(group) => group.split('}').next().unwrap_or("").split(',').collect(),
                    None => vec![rest],
                };
                for name in names {
                    let name: String =
                        name.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                    found.insert(name);
                }
            }
        }
    }
    found
}

#[test]
fn no_two_modules_of_a_folder_name_each_other_round_a_circle() {
    let mut files = Vec::new();
    sources(Path::new("src"), &mut files);
    // Within each folder, which of its modules (a file, or a folder of files) each names.
    let mut edges: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in &files {
        let parts: Vec<String> = file
            .strip_prefix("src")
            .unwrap()
            .components()
            .map(|c| c.as_os_str().to_string_lossy().trim_end_matches(".rs").to_string())
            .collect();
        if parts.len() < 2 || parts[1] == "mod" {
            continue;
        }
        let (folder, module) = (&parts[0], &parts[1]);
        let exists = |name: &str| {
            let dir = Path::new("src").join(folder);
            dir.join(format!("{name}.rs")).exists() || dir.join(name).is_dir()
        };
        let named = siblings_named(&std::fs::read_to_string(file).unwrap(), folder, parts.len());
        let to = edges.entry(folder.clone()).or_default().entry(module.clone()).or_default();
        to.extend(named.into_iter().filter(|n| n != module && exists(n)));
    }
    let mut circles = Vec::new();
    for (folder, graph) in &edges {
        for start in graph.keys() {
            // Whether `start` is reached again from what it names.
            let mut seen = BTreeSet::new();
            let mut stack: Vec<(String, Vec<String>)> = vec![(start.clone(), vec![start.clone()])];
            while let Some((at, path)) = stack.pop() {
                for next in graph.get(&at).into_iter().flatten() {
                    if next == start {
                        circles.push(format!("{folder}: {} → {start}", path.join(" → ")));
                    } else if seen.insert(next.clone()) {
                        stack.push((next.clone(), [&path[..], std::slice::from_ref(next)].concat()));
                    }
                }
            }
        }
    }
    assert!(circles.is_empty(), "modules that name each other round a circle:\n{}", circles.join("\n"));
}

#[test]
fn the_readme_lists_the_layers_in_their_order() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let table = readme.split("| layer | what it holds |").nth(1).expect("the README's table of layers");
    let listed: Vec<&str> = table
        .lines()
        .skip(2)
        .take_while(|line| line.starts_with("| `"))
        .map(|line| line.trim_start_matches("| `").split('`').next().unwrap_or(""))
        .collect();
    assert_eq!(listed, LAYERS, "the README's table of layers, against LAYERS here");
}
