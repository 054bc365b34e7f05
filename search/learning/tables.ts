import type { ColumnType, Generated } from "kysely";

/** The evidence of learning from use (db/migrations/2026-12-05T0900_match_evidence.ts, 2026-12-05T1400_match-evidence-writer.ts); only search/learning reads and writes it. */
export type EvidenceSource = "accepted_match" | "task_link" | "duplicate_merged";

export type LearningTables = {
  search_match_evidence: {
    id: Generated<string>;
    source: EvidenceSource;
    /** Who taught it (accepted, linked, merged). */
    user_id: string;
    /** Whose words they are: the request's requester or survey's sender; null once unknown (migration 2026-12-05T1400). */
    writer_user_id: ColumnType<string | null, string | null | undefined, string | null>;
    request_id: string;
    task_id: string | null;
    dataset_id: string;
    words: ColumnType<string[], string[], string[]>;
    stems: ColumnType<string[], string[], string[]>;
    created_at: ColumnType<Date, Date | undefined, Date>;
  };
};
