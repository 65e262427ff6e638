/**
 * What extraction finds in one announcement. Every mention carries evidence: the
 * span of text it came from, the rule that matched and a confidence, so each
 * published statement can be traced back to its sentence. Keys (`a1`, `p2`, `d3`,
 * `e1`) are local to one extraction; linking turns them into dataset-wide IRIs.
 */
import type { Issue, Span } from './types.ts';

/** Why extraction believes something: where it is written, which rule read it, how sure it is (0–1). */
export interface Evidence {
  span: Span;
  /** Name of the rule in the extraction tables, e.g. `doc.number-with-type`. */
  rule: string;
  confidence: number;
}

export type PartOfDay = 'morning' | 'noon' | 'afternoon' | 'evening' | 'night';

/** A time expression, resolved against the publication date where the text leaves the year out. */
export type TemporalValue =
  | { kind: 'day'; date: string; time?: string; partOfDay?: PartOfDay; yearInferred: boolean }
  | { kind: 'month'; year: number; month: number }
  | { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 }
  | { kind: 'half'; year: number; half: 1 | 2 }
  | { kind: 'months'; year: number; firstMonths: number }
  | { kind: 'year'; year: number }
  | { kind: 'period'; from: number; to: number }
  | { kind: 'horizon'; until: number; vision?: number };

export interface DateMention {
  value: TemporalValue;
  evidence: Evidence;
}

export type AgencyKind = 'state' | 'party' | 'mass' | 'court' | 'procuracy' | 'professional' | 'foreign' | 'international' | 'other';

export interface AgencyMention {
  key: string;
  /** Full Vietnamese name, abbreviations expanded ("Ủy ban nhân dân tỉnh Hà Tĩnh"). */
  name: string;
  /** Abbreviations seen or known ("UBND tỉnh Hà Tĩnh", "TGPL"). */
  abbreviations: string[];
  /** Every form as written in this announcement, back-references ("Cục", "Sở") included. */
  surfaces: string[];
  /** The reference-data id when the agency is in the gazetteer (`data/reference/agencies.csv`). */
  referenceId?: string;
  /** The province's GSO code when the body is a provincial one. */
  provinceCode?: string;
  parentKey?: string;
  kind: AgencyKind;
  /** Not named in the text but implied by a title ("Thủ tướng" → Chính phủ): not one of the announcement's mentions. */
  implied?: boolean;
  evidence: Evidence[];
}

export interface RoleMention {
  /** Title in base form, without the organisation ("Phó Chủ tịch", "Thứ trưởng Thường trực"). */
  title: string;
  agencyKey?: string;
  /** Written as "nguyên …": a title held before. */
  former: boolean;
  /** Written as "Quyền …". */
  acting: boolean;
  evidence: Evidence;
}

export interface OfficialMention {
  key: string;
  /** The name as written, without honorifics or degrees. */
  name: string;
  roles: RoleMention[];
  evidence: Evidence[];
}

export type DocumentRelationKind = 'amends' | 'details' | 'guides' | 'replaces' | 'repeals' | 'basedOn' | 'implements';

export interface DocumentMention {
  key: string;
  /** Vietnamese type name: "Nghị định", "Luật", "Dự thảo Luật" … */
  type: string;
  /** The number as written canonically ("144/2017/NĐ-CP"), when the text gives one. */
  number?: string;
  /** Parts read from the number: "144/2017/NĐ-CP" → { sequence: '144', year: 2017, typeCode: 'NĐ', issuerCode: 'CP' }. */
  numberParts?: { sequence: string; year?: number; typeCode?: string; issuerCode?: string };
  /** The year a document's name carries ("Luật Trợ giúp pháp lý năm 2017", "Hiến pháp năm 2013"): it tells two laws of one name apart. */
  nameYear?: number;
  /** Subject phrase ("quy định chi tiết một số điều của Luật Trợ giúp pháp lý"); for laws, the law's name. */
  title?: string;
  /** Signing or adoption date, `YYYY-MM-DD`. */
  date?: string;
  /** The issuer as the text names it, abbreviations expanded ("Chính phủ", "Bộ trưởng Bộ Tư pháp"). */
  issuer?: string;
  issuerAgencyKey?: string;
  /** A bill or draft ("Dự thảo Luật …", "dự án Luật …"), not a law in force. */
  draft: boolean;
  relations: { kind: DocumentRelationKind; targetKey: string; evidence: Evidence }[];
  evidence: Evidence[];
}

export type EventType = 'meeting' | 'conference' | 'workshop' | 'training' | 'signing' | 'inspection' | 'ceremony' | 'other';

export interface EventMention {
  key: string;
  type: EventType;
  /** A short Vietnamese label built from the text ("buổi làm việc với …"). */
  name: string;
  date?: string;
  time?: string;
  partOfDay?: PartOfDay;
  location?: string;
  /** Officials who chaired (chủ trì, chủ tọa). */
  chairKeys: string[];
  /** Officials who took part. */
  participantKeys: string[];
  /** Agencies that organised it. */
  organizerKeys: string[];
  /** Documents it was about. */
  aboutKeys: string[];
  evidence: Evidence[];
}

export interface Extraction {
  announcementId: string;
  dates: DateMention[];
  agencies: AgencyMention[];
  officials: OfficialMention[];
  documents: DocumentMention[];
  events: EventMention[];
  issues: Issue[];
}
