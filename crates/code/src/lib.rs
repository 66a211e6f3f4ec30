//! The coding stage of dyad.
//!
//! **In:** sentences read by `dyad-text` (tokens with tags and lemmas) and a set of coding
//! dictionaries, in the classic TABARI or PETRARCH formats ([`dict`]).
//!
//! **Out:** events: source and target CAMEO actor codes, a CAMEO event code with its Goldstein score,
//! QuadClass and PLOVER type ([`ontology`]), and an explanation of the entries that fired.

pub mod dict;
pub mod document;
pub mod engine;
pub mod eval;
pub mod gold;
pub mod ontology;
pub mod record;
pub mod topics;

pub use dict::{DictError, Dictionaries, LoadError, Syntax};
pub use ontology::{EventType, Ontology};
pub use record::EventRecord;
pub use topics::Topics;
