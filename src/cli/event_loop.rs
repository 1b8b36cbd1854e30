//! The explorer's event loop: every source of events (the terminal, the work done aside,
//! the file watch, signals) sends on one channel, and the loop blocks on it — no poll
//! interval, no timer — takes in everything waiting through [`App::update`], and draws once,
//! only when something shown changed.

use std::io;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender};

use ratatui::crossterm::event::{Event as TermEvent, KeyCode};

use crate::app::{App, Aside, Input, Notify};
use crate::cli::watch::Watch;
use crate::model::Corpus;
use crate::read::load::LoadError;

/// What reaches the loop, from whichever thread.
#[derive(Debug)]
pub enum Message {
    /// What the terminal sent: a key, the mouse, a new size, a paste.
    Terminal(TermEvent),
    /// The terminal could not be read: it has gone away.
    Gone(io::Error),
    /// Something for the explorer to take in: work done aside, a file read again, a signal.
    Explorer(Input),
    /// The watched file changed, and has stayed unchanged since.
    Changed,
}

/// How work done aside sends what it made: as a message to the loop.
pub fn notify(sender: &Sender<Message>) -> Notify {
    let sender = sender.clone();
    std::sync::Arc::new(move |event| drop(sender.send(Message::Explorer(event))))
}

/// What the loop does to the terminal.
pub trait Screen {
    /// Draws the explorer as `app` stands.
    fn draw(&mut self, app: &App) -> io::Result<()>;
    /// Clears the terminal, so that the next frame is drawn whole (Ctrl-L).
    fn clear(&mut self) -> io::Result<()>;
    /// Hands the terminal to the shell until it resumes the explorer (Ctrl-Z); its size then.
    fn suspend(&mut self) -> io::Result<(u16, u16)>;
    /// Puts `text` on the clipboard.
    fn copy(&mut self, text: &str) -> io::Result<()>;
}

/// How the explorer ended: its final state, kept whether or not the terminal failed (a
/// terminal closed under it ends it too, and its reading place is still saved).
#[derive(Debug)]
pub struct Ended {
    pub app: App,
    /// Why the terminal could no longer be read or written, if it could not.
    pub failed: Option<io::Error>,
}

/// Runs the explorer on `screen` until the reader quits or the terminal fails, taking in
/// what `messages` brings, starting the work `app` waits for with `aside`, reading the
/// corpus file again as `watch` says; gives back the final state. The first frame is drawn
/// before anything is waited for.
pub fn run(
    screen: &mut impl Screen,
    mut app: App,
    messages: &Receiver<Message>,
    aside: &mut Aside,
    watch: Option<Watching>,
) -> Ended {
    let failed = serve(screen, &mut app, messages, aside, watch).err();
    Ended { app, failed }
}

/// The loop of [`run`], until the reader quits (or the channel closes), or the terminal
/// fails.
fn serve(
    screen: &mut impl Screen,
    app: &mut App,
    messages: &Receiver<Message>,
    aside: &mut Aside,
    mut watch: Option<Watching>,
) -> io::Result<()> {
    screen.draw(app)?;
    aside.follow(app);
    let mut seen = app.requests().seen();
    while !app.quitting() {
        // The one place the loop waits: until something happens.
        let Ok(first) = messages.recv() else { break };
        let mut changed = false;
        for message in std::iter::once(first).chain(messages.try_iter()) {
            changed |= match message {
                Message::Terminal(input) => {
                    debug_panic(&input);
                    from_terminal(input).is_some_and(|event| app.update(event))
                }
                Message::Gone(error) => return Err(error),
                Message::Explorer(event) => {
                    if let (Input::Reloaded { .. }, Some(watching)) = (&event, &mut watch) {
                        watching.read_again();
                    }
                    app.update(event)
                }
                Message::Changed => {
                    if let Some(watching) = &mut watch {
                        watching.changed();
                    }
                    false
                }
            };
            // What only the terminal can do, as the reader asked for it.
            let asked = app.requests().since(seen);
            let (suspend, redraw) = (asked.suspend, asked.redraw);
            if let Some(text) = asked.copy {
                screen.copy(text)?;
            }
            if redraw {
                screen.clear()?;
                changed = true;
            }
            if suspend {
                let (width, height) = screen.suspend()?;
                app.update(Input::Resize(width, height));
                changed = true;
            }
            seen = app.requests().seen();
            if app.quitting() {
                break;
            }
        }
        if app.quitting() {
            break;
        }
        // The work the new state waits for (a search) starts before its frame is drawn, so
        // that the two go on at once.
        aside.follow(app);
        if changed {
            screen.draw(app)?;
        }
    }
    Ok(())
}

/// What the terminal tells, as an event of the explorer.
fn from_terminal(input: TermEvent) -> Option<Input> {
    match input {
        TermEvent::Key(key) => Some(Input::Key(key)),
        TermEvent::Mouse(mouse) => Some(Input::Mouse(mouse)),
        TermEvent::Resize(width, height) => Some(Input::Resize(width, height)),
        TermEvent::Paste(text) => Some(Input::Paste(text)),
        TermEvent::FocusGained | TermEvent::FocusLost => None,
    }
}

/// A corpus file (or the files opened as one corpus) watched for changes, and read again on a thread of its own when it has
/// changed, so that a large file or one that stalls (a link to a pipe) never holds the keys:
/// the last good version stays in view meanwhile. The reading is sent to the loop as an
/// event.
pub struct Watching {
    paths: Vec<PathBuf>,
    watch: Watch,
    sender: Sender<Message>,
    /// A reading is under way.
    reading: bool,
    /// The file changed again while it was being read.
    again: bool,
}

impl Watching {
    /// Watches `paths`, their changes and readings sent on `sender`; or says why the watcher
    /// could not start (the explorer then carries on without it).
    pub fn start(paths: &[PathBuf], sender: &Sender<Message>) -> Result<Self, String> {
        let told = sender.clone();
        match Watch::new(paths, move || drop(told.send(Message::Changed))) {
            Ok(watch) => {
                Ok(Self { paths: paths.to_vec(), watch, sender: sender.clone(), reading: false, again: false })
            }
            Err(e) => Err(format!("not watching the file: the file watcher could not start ({e})")),
        }
    }

    /// The file changed: read it again, or once the reading under way is done.
    fn changed(&mut self) {
        // A link now pointing elsewhere: what it points at now is what is watched.
        let _ = self.watch.follow();
        if self.reading { self.again = true } else { self.read() }
    }

    /// A reading has come back: the file is read again if it changed meanwhile.
    fn read_again(&mut self) {
        self.reading = false;
        if std::mem::take(&mut self.again) {
            self.read();
        }
    }

    fn read(&mut self) {
        self.reading = true;
        let (paths, sender) = (self.paths.clone(), self.sender.clone());
        std::thread::spawn(move || {
            let loaded: Result<Corpus, LoadError> = super::import::load(&paths, false);
            let name = super::named(&paths);
            let _ = sender.send(Message::Explorer(Input::Reloaded { loaded: Box::new(loaded), name }));
        });
    }
}

/// In debug builds only, F12 panics when `TREATY_TUI_TEST_PANIC` is set (to `thread`, on
/// another thread; `abort` aborts instead), so that the tests can prove a panic or an abort
/// restores the terminal.
fn debug_panic(event: &TermEvent) {
    if cfg!(debug_assertions)
        && let TermEvent::Key(key) = event
        && key.code == KeyCode::F(12)
        && let Some(how) = std::env::var_os("TREATY_TUI_TEST_PANIC")
    {
        if how == "thread" {
            let _ = std::thread::spawn(|| panic!("a test panic on another thread")).join();
        }
        if how == "abort" {
            std::process::abort();
        }
        panic!("a test panic");
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::sync::{Arc, Mutex};

    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

    use super::*;

    /// A screen that counts what it is asked to do.
    #[derive(Clone, Default)]
    struct Counting(Arc<Mutex<Vec<&'static str>>>);

    impl Counting {
        fn done(&self) -> Vec<&'static str> {
            self.0.lock().unwrap().clone()
        }
    }

    impl Screen for Counting {
        fn draw(&mut self, _: &App) -> io::Result<()> {
            self.0.lock().unwrap().push("draw");
            Ok(())
        }
        fn clear(&mut self) -> io::Result<()> {
            self.0.lock().unwrap().push("clear");
            Ok(())
        }
        fn suspend(&mut self) -> io::Result<(u16, u16)> {
            self.0.lock().unwrap().push("suspend");
            Ok((100, 30))
        }
        fn copy(&mut self, _: &str) -> io::Result<()> {
            self.0.lock().unwrap().push("copy");
            Ok(())
        }
    }

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Message {
        Message::Terminal(TermEvent::Key(KeyEvent::new(code, modifiers)))
    }

    /// Waits until the loop has done `count` things on the screen, or says what it did.
    fn until(screen: &Counting, count: usize) -> Vec<&'static str> {
        for _ in 0..1000 {
            if screen.done().len() >= count {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        screen.done()
    }

    #[test]
    fn nothing_is_drawn_while_nothing_happens() {
        let (sender, messages) = mpsc::channel();
        let screen = Counting::default();
        let mut app = App::new(crate::read::load::bundled().unwrap());
        app.update(Input::Resize(100, 30));
        let mut aside = Aside::keeping(None, notify(&sender));
        let running = {
            let mut screen = screen.clone();
            std::thread::spawn(move || run(&mut screen, app, &messages, &mut aside, None).app.quitting())
        };
        assert_eq!(until(&screen, 1), ["draw"], "the first frame");
        // Idle is idle because the loop waits on nothing but its channel (the test after
        // the next holds it to that); here, what comes through the channel.
        // A key that changes nothing draws nothing; one that moves, a frame.
        sender.send(key(KeyCode::F(9), KeyModifiers::NONE)).unwrap();
        sender.send(key(KeyCode::Char('j'), KeyModifiers::NONE)).unwrap();
        assert_eq!(until(&screen, 2), ["draw", "draw"]);
        sender.send(key(KeyCode::Char('q'), KeyModifiers::NONE)).unwrap();
        assert!(running.join().unwrap(), "q ends the loop");
        assert_eq!(screen.done(), ["draw", "draw"], "and draws nothing more");
    }

    #[test]
    fn what_waits_is_taken_in_together_and_drawn_once() {
        let (sender, messages) = mpsc::channel();
        let mut screen = Counting::default();
        // Work aside sends elsewhere: once the keys below are taken, the channel is empty
        // and closed, and the loop ends.
        let mut aside = Aside::keeping(None, notify(&mpsc::channel().0));
        for message in [
            key(KeyCode::F(9), KeyModifiers::NONE),
            key(KeyCode::Char('j'), KeyModifiers::NONE),
            key(KeyCode::Char('j'), KeyModifiers::NONE),
            key(KeyCode::Char('y'), KeyModifiers::NONE),
            key(KeyCode::Char('y'), KeyModifiers::NONE),
            key(KeyCode::Char('l'), KeyModifiers::CONTROL),
        ] {
            sender.send(message).unwrap();
        }
        drop(sender);
        let app = App::new(crate::read::load::bundled().unwrap());
        let app = run(&mut screen, app, &messages, &mut aside, None).app;
        assert_eq!(screen.done(), ["draw", "copy", "clear", "draw"], "one frame for the six keys");
        assert!(app.requests().copied().is_some(), "the citation `yy` copied");
    }

    /// A screen that takes its time to draw, and says when it has drawn.
    struct Slow(Counting);

    impl Screen for Slow {
        fn draw(&mut self, app: &App) -> io::Result<()> {
            std::thread::sleep(std::time::Duration::from_millis(200));
            self.0.draw(app)
        }
        fn clear(&mut self) -> io::Result<()> {
            self.0.clear()
        }
        fn suspend(&mut self) -> io::Result<(u16, u16)> {
            self.0.suspend()
        }
        fn copy(&mut self, text: &str) -> io::Result<()> {
            self.0.copy(text)
        }
    }

    #[test]
    fn a_search_goes_on_while_the_frame_of_its_key_is_drawn() {
        let (sender, messages) = mpsc::channel();
        let screen = Counting::default();
        // The hits come back through the loop's channel, and are noted as they come.
        let (noted, to_loop) = (screen.clone(), sender.clone());
        let notify: Notify = Arc::new(move |event| {
            if matches!(event, Input::Searched { .. }) {
                noted.0.lock().unwrap().push("searched");
            }
            drop(to_loop.send(Message::Explorer(event)));
        });
        let corpus = Arc::new(crate::read::load::bundled().unwrap());
        let mut app = App::new(Arc::clone(&corpus));
        app.update(Input::Resize(100, 30));
        app.search_aside_from(0);
        app.prepare_search();
        app.update(Input::Indexed { generation: 0, index: Arc::new(crate::search::Index::new(&corpus)) });
        let mut aside = Aside::keeping(None, notify);
        sender.send(key(KeyCode::Char('/'), KeyModifiers::NONE)).unwrap();
        sender.send(key(KeyCode::Char('l'), KeyModifiers::NONE)).unwrap();
        let running = {
            let mut slow = Slow(screen.clone());
            std::thread::spawn(move || drop(run(&mut slow, app, &messages, &mut aside, None)))
        };
        let done = until(&screen, 4);
        sender.send(Message::Gone(io::Error::other("done"))).unwrap();
        running.join().unwrap();
        // The first frame; the search started before the frame of `/l`, and ended while it
        // was drawn; then its hits.
        assert_eq!(done, ["draw", "searched", "draw", "draw"]);
    }

    #[test]
    fn the_loop_waits_in_one_place_and_on_nothing_but_its_channel() {
        let source = include_str!("event_loop.rs");
        let code = source.split("#[cfg(test)]").next().unwrap();
        let code: String =
            code.lines().map(|line| line.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
        assert_eq!(code.matches(".recv()").count(), 1, "one blocking receive");
        for waiting in ["recv_timeout", "poll(", "sleep(", "event::read"] {
            assert!(!code.contains(waiting), "the loop never waits on {waiting}");
        }
    }

    #[test]
    fn a_terminal_gone_ends_the_loop_with_its_error_and_the_place_read() {
        let (sender, messages) = mpsc::channel();
        let mut screen = Counting::default();
        let mut aside = Aside::keeping(None, notify(&sender));
        sender.send(key(KeyCode::Char('j'), KeyModifiers::NONE)).unwrap();
        sender.send(Message::Gone(io::Error::other("the terminal hung up"))).unwrap();
        let app = App::new(crate::read::load::bundled().unwrap());
        let ended = run(&mut screen, app, &messages, &mut aside, None);
        assert_eq!(ended.failed.map(|e| e.to_string()).as_deref(), Some("the terminal hung up"));
        let page = ended.app.spot().page;
        assert_eq!((page.entry, page.part), (0, 1), "the treaty's first part, moved to before the terminal went");
    }
}
