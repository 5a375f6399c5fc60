package org.bookworm.ordering.adapter.postgres;

/**
 * What a projection rebuild reports as it goes: where it starts (events already replayed by an interrupted run it
 * resumes, and how many the log holds after them) and each committed batch. A listener that throws stops the rebuild
 * after the last committed batch, as a kill would: the next rebuild resumes from there.
 */
public interface RebuildProgress {
    RebuildProgress NONE = new RebuildProgress() {
        @Override
        public void started(boolean resumed, long remaining) {}

        @Override
        public void replayed(long events) {}
    };

    /** The rebuild begins: {@code resumed} when it continues an interrupted one, with about {@code remaining} to go. */
    void started(boolean resumed, long remaining);

    /** A batch committed: {@code events} replayed by this run so far. */
    void replayed(long events);
}
