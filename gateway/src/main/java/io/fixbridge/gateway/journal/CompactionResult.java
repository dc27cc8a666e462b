package io.fixbridge.gateway.journal;

/**
 * What a {@link FileJournal#compact} did.
 *
 * @param segmentsRewritten closed segments replaced by one compacted segment (0: nothing to do)
 * @param recordsKept       records written to the compacted segment
 * @param recordsDropped    records of orders no longer live that were left out
 * @param bytesBefore       size of the segments rewritten
 * @param bytesAfter        size of the compacted segment
 */
public record CompactionResult(int segmentsRewritten, long recordsKept, long recordsDropped, long bytesBefore,
                               long bytesAfter) {
}
