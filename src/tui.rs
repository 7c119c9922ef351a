//! The runtime around the pure app: terminal setup and restoration, the input and signal
//! threads, and the event loop that drains messages, updates, runs effects and draws.

pub mod event_loop;
pub mod input;
pub mod signals;
pub mod terminal;
