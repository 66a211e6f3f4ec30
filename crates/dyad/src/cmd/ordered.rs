//! A stream worked on by several threads with its results kept in input order: one reader
//! thread, `threads` workers and the caller's thread as the writer. Channels are bounded, so
//! memory stays the same however long the input: a year of news is coded in the memory a day
//! of it takes.

use std::collections::BTreeMap;
use std::sync::mpsc::sync_channel;
use std::sync::{Arc, Mutex};

/// Articles a reader hands to a worker together (`dyad code`, `dyad ingest`): enough to make the
/// channels' cost small, few enough that the threads share the work evenly.
pub const JOB: usize = 16;

/// Runs `read`, which hands jobs to its `send` argument (false once the writer has stopped),
/// `work` on each job on `threads` threads, and `write` on each result in the order the jobs
/// were sent. `write` returning `Ok(false)` or an error stops the run: the reader's next `send`
/// returns false. Returns what `read` returned, or the first error of `write`.
pub fn run<J, D, R>(
    threads: usize,
    read: impl FnOnce(&mut dyn FnMut(J) -> bool) -> R + Send,
    work: impl Fn(J) -> D + Sync,
    mut write: impl FnMut(D) -> anyhow::Result<bool>,
) -> anyhow::Result<R>
where
    J: Send,
    D: Send,
    R: Send,
{
    let threads = threads.max(1);
    let (job_tx, job_rx) = sync_channel::<(u64, J)>(threads * 2);
    let job_rx = Arc::new(Mutex::new(job_rx));
    let (done_tx, done_rx) = sync_channel::<(u64, D)>(threads * 2);
    std::thread::scope(|s| {
        let reader = s.spawn(move || {
            let mut seq = 0u64;
            let mut send = |job: J| {
                let ok = job_tx.send((seq, job)).is_ok();
                seq += 1;
                ok
            };
            read(&mut send)
        });
        for _ in 0..threads {
            let rx = Arc::clone(&job_rx);
            let tx = done_tx.clone();
            let work = &work;
            s.spawn(move || {
                loop {
                    let job = rx.lock().unwrap_or_else(|p| p.into_inner()).recv();
                    let Ok((seq, job)) = job else { break };
                    if tx.send((seq, work(job))).is_err() {
                        break;
                    }
                }
            });
        }
        // Only the workers hold the job queue and the result channel now: when the writer
        // stops, the workers' sends fail, they stop, and so do the reader's sends.
        drop(done_tx);
        drop(job_rx);
        let mut waiting: BTreeMap<u64, D> = BTreeMap::new();
        let mut next = 0u64;
        let mut outcome = Ok(());
        let mut stopped = false;
        'receive: for (seq, done) in done_rx.iter() {
            waiting.insert(seq, done);
            while let Some(d) = waiting.remove(&next) {
                next += 1;
                match write(d) {
                    Ok(true) => {}
                    Ok(false) => {
                        stopped = true;
                        break 'receive;
                    }
                    Err(e) => {
                        outcome = Err(e);
                        break 'receive;
                    }
                }
            }
        }
        drop(done_rx);
        let read = reader
            .join()
            .map_err(|_| anyhow::anyhow!("the reader thread panicked"));
        outcome?;
        // Results still waiting after a stop are the ones the writer did not want; without a
        // stop, one missing job left them waiting.
        if !stopped && !waiting.is_empty() {
            anyhow::bail!("a worker thread stopped before its job was done");
        }
        read
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_and_a_stop_stops_the_reader() {
        let mut got = Vec::new();
        let sent = run(
            3,
            |send| (0..200u64).take_while(|&i| send(i)).count(),
            |i: u64| {
                // Later jobs finish first.
                std::thread::sleep(std::time::Duration::from_micros(200 - i));
                i * 2
            },
            |d| {
                got.push(d);
                Ok(true)
            },
        )
        .expect("runs");
        assert_eq!(sent, 200);
        assert_eq!(got, (0..200u64).map(|i| i * 2).collect::<Vec<_>>());

        let mut seen = 0;
        let sent = run(
            2,
            |send| (0..100_000u64).take_while(|&i| send(i)).count(),
            |i: u64| i,
            |_| {
                seen += 1;
                Ok(seen < 10)
            },
        )
        .expect("runs");
        assert_eq!(seen, 10);
        assert!(sent < 100_000, "the reader stopped early: {sent}");
    }
}
