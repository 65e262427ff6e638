/**
 * Sentence templates of the synthetic announcements, one table per kind of
 * event. Each template is a function of the scene, so the table is data and
 * the composer never branches on the kind.
 */

/** The kinds of event the corpus reports. */
export const EVENT_KINDS = ['working-session', 'conference', 'workshop', 'training', 'signing', 'inspection', 'ceremony'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** What one announcement reports, already worded (see `compose.ts`). */
export interface Scene {
  /** The event named as the text names it ("Hội nghị", "lớp tập huấn"). */
  noun: string;
  topic: string;
  /** The organising body and a second body (partner, inspected body, co-signer). */
  host: string;
  partner: string;
  /** The chair as a title chain with the name: "Thứ trưởng Bộ Tư pháp Trần Tiến Dũng". */
  chair: string;
  /** Date phrase opening the lead: "Sáng 25/3", "Ngày 25 tháng 3 năm 2024". */
  when: string;
  /** Venue phrase with its "tại". */
  venue: string;
  /** A province the story is set in. */
  province: string;
  /** A law or other document named in the title, when there is one. */
  law: string;
  year: number;
}

/** One way to tell an event: the noun the text uses for it, a headline and a lead paragraph. */
export interface Variant {
  noun: string;
  title: (s: Scene) => string;
  lead: (s: Scene) => string;
}

/** Variants per kind; the date phrase always opens a lead, as Vietnamese news writes it. */
export const TEMPLATES: Record<EventKind, readonly Variant[]> = {
  'working-session': [
    {
      noun: 'buổi làm việc',
      title: (s) => `${s.host} làm việc với ${s.partner} về ${s.topic}`,
      lead: (s) => `${s.when}, ${s.venue}, ${s.chair} đã có buổi làm việc với ${s.partner} về ${s.topic}.`,
    },
    {
      noun: 'buổi làm việc',
      title: (s) => `Đoàn công tác của ${s.host} làm việc tại ${s.province}`,
      lead: (s) => `${s.when}, Đoàn công tác của ${s.host} do ${s.chair} dẫn đầu đã đến thăm và làm việc với ${s.partner}.`,
    },
    {
      noun: 'buổi làm việc',
      title: (s) => `${s.chair} làm việc với ${s.partner}`,
      lead: (s) => `${s.when}, ${s.venue}, ${s.chair} đã làm việc với ${s.partner} nhằm đánh giá ${s.topic}.`,
    },
  ],
  conference: [
    {
      noun: 'Hội nghị',
      title: (s) => `${s.host} tổ chức Hội nghị sơ kết ${s.topic}`,
      lead: (s) => `${s.when}, ${s.venue}, ${s.host} tổ chức Hội nghị sơ kết ${s.topic}. ${s.chair} chủ trì Hội nghị.`,
    },
    {
      noun: 'Hội nghị',
      title: (s) => `Hội nghị triển khai thi hành ${s.law}`,
      lead: (s) => `${s.when}, ${s.host} phối hợp với ${s.partner} tổ chức Hội nghị triển khai thi hành ${s.law}.`,
    },
    {
      noun: 'Hội nghị',
      title: (s) => `Hội nghị tổng kết ${s.topic} năm ${s.year - 1}`,
      lead: (s) => `${s.when}, ${s.venue}, ${s.chair} chủ trì Hội nghị tổng kết ${s.topic} năm ${s.year - 1} và triển khai nhiệm vụ năm ${s.year}.`,
    },
  ],
  workshop: [
    {
      noun: 'Hội thảo',
      title: (s) => `Hội thảo góp ý dự thảo ${s.law} (sửa đổi)`,
      lead: (s) => `${s.when}, ${s.venue}, ${s.host} tổ chức Hội thảo góp ý dự thảo ${s.law} (sửa đổi). ${s.chair} chủ trì Hội thảo.`,
    },
    {
      noun: 'Tọa đàm',
      title: (s) => `Tọa đàm về ${s.topic}`,
      lead: (s) => `${s.when}, ${s.host} phối hợp với ${s.partner} tổ chức Tọa đàm về ${s.topic} ${s.venue}.`,
    },
    {
      noun: 'Hội thảo',
      title: (s) => `${s.host} tổ chức Hội thảo khoa học về ${s.topic}`,
      lead: (s) => `${s.when}, ${s.chair} đồng chủ trì Hội thảo khoa học "${s.topic}" do ${s.host} tổ chức.`,
    },
  ],
  training: [
    {
      noun: 'Hội nghị tập huấn',
      title: (s) => `Tập huấn ${s.law} cho cán bộ, công chức ${s.province}`,
      lead: (s) => `${s.when}, ${s.venue}, ${s.host} tổ chức Hội nghị tập huấn ${s.law} cho gần ${150 + (s.year % 7) * 25} học viên.`,
    },
    {
      noun: 'lớp bồi dưỡng',
      title: (s) => `Bồi dưỡng nghiệp vụ về ${s.topic}`,
      lead: (s) => `${s.when}, ${s.host} khai giảng lớp bồi dưỡng nghiệp vụ về ${s.topic} ${s.venue}. ${s.chair} dự và phát biểu khai mạc.`,
    },
    {
      noun: 'lớp tập huấn',
      title: (s) => `${s.host} tổ chức tập huấn ${s.topic}`,
      lead: (s) => `${s.when}, ${s.host} phối hợp với ${s.partner} tổ chức lớp tập huấn ${s.topic}.`,
    },
  ],
  signing: [
    {
      noun: 'Lễ ký kết',
      title: (s) => `${s.host} và ${s.partner} ký kết Quy chế phối hợp công tác`,
      lead: (s) => `${s.when}, ${s.venue}, ${s.host} và ${s.partner} đã tổ chức Lễ ký kết Quy chế phối hợp công tác về ${s.topic}.`,
    },
    {
      noun: 'Lễ ký kết',
      title: (s) => `Ký kết Chương trình phối hợp về ${s.topic} giai đoạn ${s.year}-${s.year + 4}`,
      lead: (s) => `${s.when}, ${s.chair} và lãnh đạo ${s.partner} đã ký kết Chương trình phối hợp giai đoạn ${s.year}-${s.year + 4}.`,
    },
    {
      noun: 'Lễ ký kết',
      title: (s) => `Lễ ký kết phối hợp giữa ${s.host} và ${s.partner}`,
      lead: (s) => `${s.when}, ${s.host} tổ chức Lễ ký kết Kế hoạch phối hợp với ${s.partner} ${s.venue}.`,
    },
  ],
  inspection: [
    {
      noun: 'Đoàn kiểm tra',
      title: (s) => `Đoàn kiểm tra của ${s.host} làm việc tại ${s.province}`,
      lead: (s) => `${s.when}, Đoàn kiểm tra của ${s.host} do ${s.chair} làm Trưởng đoàn đã kiểm tra công tác ${s.topic} tại ${s.partner}.`,
    },
    {
      noun: 'Đoàn giám sát',
      title: (s) => `Giám sát việc thi hành ${s.law} tại ${s.province}`,
      lead: (s) => `${s.when}, Đoàn giám sát của ${s.host} đã giám sát việc thi hành ${s.law} ${s.venue}.`,
    },
    {
      noun: 'Đoàn kiểm tra',
      title: (s) => `Kiểm tra công tác ${s.topic} tại ${s.province}`,
      lead: (s) => `${s.when}, ${s.chair} dẫn đầu Đoàn kiểm tra công tác ${s.topic} tại ${s.province}.`,
    },
  ],
  ceremony: [
    {
      noun: 'buổi lễ',
      title: (s) => `Lễ công bố quyết định về công tác cán bộ tại ${s.host}`,
      lead: (s) => `${s.when}, ${s.venue}, ${s.host} tổ chức Lễ công bố quyết định về công tác cán bộ. ${s.chair} dự và trao quyết định.`,
    },
    {
      noun: 'Lễ mít tinh',
      title: (s) => `Mít tinh hưởng ứng Ngày Pháp luật Việt Nam năm ${s.year}`,
      lead: (s) => `${s.when}, ${s.host} tổ chức Lễ mít tinh hưởng ứng Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam ${s.venue}.`,
    },
    {
      noun: 'Lễ kỷ niệm',
      title: (s) => `Lễ kỷ niệm ${10 + (s.year % 5) * 5} năm ngày thành lập ${s.host}`,
      lead: (s) => `${s.when}, ${s.host} long trọng tổ chức Lễ kỷ niệm ngày truyền thống. ${s.chair} dự và phát biểu chỉ đạo.`,
    },
  ],
};

/** Attendance sentences: `people` is the list of officials already worded. */
export const ATTENDANCE: readonly ((noun: string, people: string) => string)[] = [
  (noun, people) => `Tham dự ${noun} có ${people}; cùng đại diện lãnh đạo các cơ quan, đơn vị liên quan.`,
  (noun, people) => `Dự ${noun} có ${people}.`,
  (noun, people) => `Về phía các cơ quan, đơn vị có ${people} tham dự ${noun}.`,
];

/** Speech sentences: a name, what they ask for. */
export const SPEECHES: readonly ((name: string, noun: string, tasks: string) => string)[] = [
  (name, noun, tasks) => `Phát biểu chỉ đạo tại ${noun}, ${name} đề nghị các cơ quan, đơn vị ${tasks}.`,
  (name, noun, tasks) => `Kết luận ${noun}, ${name} ghi nhận những kết quả đạt được và yêu cầu ${tasks}.`,
  (name, _noun, tasks) => `Theo ${name}, thời gian tới cần ${tasks}.`,
];

/** Sentences citing a legal document already worded ("Nghị định số … ngày … của …"). */
export const CITATIONS: readonly ((doc: string) => string)[] = [
  (doc) => `Thời gian qua, việc triển khai ${doc} đã đạt được nhiều kết quả quan trọng, góp phần nâng cao hiệu quả quản lý nhà nước.`,
  (doc) => `Theo báo cáo, thực hiện ${doc}, các cơ quan đã ban hành kế hoạch và tổ chức quán triệt đến cán bộ, công chức.`,
  (doc) => `Các đại biểu cũng góp ý về những vướng mắc khi áp dụng ${doc} trên thực tế.`,
];

/** Statistics sentences: the body, a period, a verb, a number and what was counted. */
export const STATISTICS: readonly ((body: string, period: string, verb: string, n: number, what: string, pct: number) => string)[] = [
  (body, period, verb, n, what, pct) => `Trong ${period}, ${body} đã ${verb} ${n} ${what}, tăng ${pct}% so với cùng kỳ.`,
  (body, period, verb, n, what) => `Tính đến hết ${period}, ${body} ${verb} được ${n.toLocaleString('vi-VN')} ${what}.`,
  (body, period, verb, n, what, pct) => `Kết quả ${period} cho thấy ${body} đã ${verb} ${n} ${what}, đạt ${pct + 60}% kế hoạch.`,
];

/** Closing sentences announcing what comes next. */
export const NEXT_STEPS: readonly ((noun: string, month: number, year: number, province: string) => string)[] = [
  (noun, month, year, province) => `Dự kiến, ${noun} tiếp theo sẽ được tổ chức vào tháng ${month}/${year} tại ${province}.`,
  (_noun, month, year) => `Các đơn vị được yêu cầu gửi báo cáo kết quả thực hiện trước ngày 15/${month}/${year}.`,
  (_noun, month, year) => `Kế hoạch sẽ được tổng kết vào quý ${1 + Math.floor((month - 1) / 3)} năm ${year}.`,
];
