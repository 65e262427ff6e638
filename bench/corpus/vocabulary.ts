/**
 * Word lists of the synthetic corpus that the reference tables do not hold:
 * invented personal names, topics, figures of speech of news announcements,
 * bylines. Agencies, titles, provinces and legal documents come from
 * `data/reference/` (see `cast.ts`).
 */

/** Family names, the common ones repeated so they come up as often as in real life. */
export const SURNAMES = [
  'Nguyễn', 'Nguyễn', 'Nguyễn', 'Nguyễn', 'Trần', 'Trần', 'Lê', 'Lê', 'Phạm', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ',
  'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đào', 'Đoàn', 'Trịnh', 'Trương', 'Lâm', 'Phùng', 'Mai', 'Tô', 'Tạ',
  'Cù', 'Lương', 'Đinh', 'Kiều', 'Quách', 'Chu', 'Lưu', 'Triệu', 'Cao', 'Thân', 'Nghiêm', 'Lại', 'Tăng', 'Đàm', 'Nông',
];

/** Middle names of men. */
export const MIDDLE_MALE = ['Văn', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Hữu', 'Xuân', 'Công', 'Trọng', 'Đình', 'Mạnh', 'Quang', 'Tiến', 'Bá', 'Ngọc', 'Việt', 'Anh', 'Hoàng', 'Duy', 'Thế'];

/** Middle names of women. */
export const MIDDLE_FEMALE = ['Thị', 'Thị', 'Thu', 'Hồng', 'Ngọc', 'Kim', 'Thanh', 'Minh', 'Thúy', 'Phương', 'Bích', 'Mai', 'Diệu', 'Lan'];

/** Given names of men. */
export const GIVEN_MALE = [
  'Dũng', 'Hùng', 'Tuấn', 'Nam', 'Sơn', 'Thắng', 'Long', 'Hải', 'Bình', 'Minh', 'Khoa', 'Trung', 'Cường', 'Quân', 'Vinh',
  'Thịnh', 'Lộc', 'Phúc', 'Hiếu', 'Nghĩa', 'Tâm', 'Đức', 'Tú', 'Khánh', 'Kiên', 'Hưng', 'Toàn', 'Thành', 'Tùng', 'Đạt',
  'Huy', 'Thuận', 'Tài', 'Lâm', 'Sang', 'Hòa', 'Phong', 'Quyết', 'Thái', 'Triết', 'Khôi', 'Lực', 'Tiến', 'Chiến', 'Bảo',
];

/** Given names of women. */
export const GIVEN_FEMALE = [
  'Lan', 'Hoa', 'Hà', 'Phương', 'Hương', 'Thảo', 'Linh', 'Huyền', 'Ngọc', 'Yến', 'Nhung', 'Loan', 'Hạnh', 'Thủy', 'Giang',
  'Hiền', 'Dung', 'Trang', 'Vân', 'Mai', 'Oanh', 'Chi', 'Nga', 'Xuân', 'Anh', 'Quyên', 'Tuyết', 'Liên', 'Hằng', 'Thư',
];

/** Fields of provincial departments ("Sở Tư pháp tỉnh …"). */
export const DEPARTMENT_FIELDS = [
  'Tư pháp', 'Tư pháp', 'Tư pháp', 'Nội vụ', 'Tài chính', 'Xây dựng', 'Y tế', 'Giáo dục và Đào tạo', 'Công Thương',
  'Nông nghiệp và Môi trường', 'Khoa học và Công nghệ', 'Văn hóa, Thể thao và Du lịch',
];

/** What a meeting or training is about, when no cited law names it. */
export const TOPICS = [
  'công tác phổ biến, giáo dục pháp luật',
  'công tác trợ giúp pháp lý cho người dân tộc thiểu số',
  'công tác hòa giải ở cơ sở',
  'công tác đăng ký và quản lý hộ tịch',
  'công tác kiểm tra, rà soát văn bản quy phạm pháp luật',
  'công tác thi hành án dân sự',
  'công tác chứng thực và nuôi con nuôi',
  'công tác xây dựng xã, phường, thị trấn đạt chuẩn tiếp cận pháp luật',
  'cải cách thủ tục hành chính và chuyển đổi số',
  'công tác theo dõi thi hành pháp luật về xử lý vi phạm hành chính',
  'công tác bồi thường nhà nước',
  'công tác lý lịch tư pháp',
  'công tác pháp chế',
  'kỹ năng soạn thảo văn bản quy phạm pháp luật',
  'nghiệp vụ thanh tra, giải quyết khiếu nại, tố cáo',
  'phòng, chống tham nhũng, tiêu cực',
  'quản lý nhà nước về đấu giá tài sản',
  'triển khai mô hình chính quyền địa phương hai cấp',
];

/** Time spans written in the body, each with the year it refers to filled in. */
export const PERIODS: readonly ((year: number) => string)[] = [
  (y) => `6 tháng đầu năm ${y}`,
  (y) => `9 tháng đầu năm ${y}`,
  (y) => `năm ${y - 1}`,
  (y) => `quý I/${y}`,
  (y) => `quý II năm ${y}`,
  (y) => `giai đoạn ${y - 5}-${y}`,
  (y) => `từ năm ${y - 3} đến năm ${y}`,
  (y) => `nửa đầu năm ${y}`,
];

/** Things counted in statistics paragraphs. */
export const COUNTED = [
  'vụ việc trợ giúp pháp lý', 'hội nghị phổ biến pháp luật', 'lượt người dân được tư vấn', 'văn bản quy phạm pháp luật được thẩm định',
  'hồ sơ đăng ký hộ tịch', 'việc thi hành án dân sự', 'tổ hòa giải ở cơ sở', 'cuộc thanh tra, kiểm tra', 'thủ tục hành chính được cắt giảm',
  'hòa giải viên được tập huấn', 'phiếu lý lịch tư pháp được cấp',
];

/** Verbs of the statistics paragraphs. */
export const COUNT_VERBS = ['thực hiện', 'tổ chức', 'giải quyết', 'tiếp nhận', 'hoàn thành', 'rà soát'];

/** Tasks an official asks of the agencies in speeches. */
export const TASKS = [
  'tiếp tục nâng cao chất lượng công tác tham mưu',
  'đẩy mạnh ứng dụng công nghệ thông tin trong giải quyết thủ tục hành chính',
  'tăng cường phối hợp giữa các cơ quan, đơn vị',
  'kịp thời tháo gỡ khó khăn, vướng mắc ở cơ sở',
  'chú trọng bồi dưỡng nghiệp vụ cho đội ngũ cán bộ, công chức',
  'bảo đảm kinh phí cho các hoạt động theo kế hoạch',
  'sớm hoàn thiện dự thảo để trình cấp có thẩm quyền',
  'đổi mới hình thức phổ biến pháp luật phù hợp với từng nhóm đối tượng',
  'tổng kết, rút kinh nghiệm và nhân rộng các mô hình hiệu quả',
];

/** Sentences about the discussion, neutral to the kind of event. */
export const DISCUSSION = [
  'Các đại biểu đã tập trung thảo luận, làm rõ những kết quả đạt được cũng như khó khăn, hạn chế trong quá trình triển khai.',
  'Nhiều ý kiến cho rằng cần tiếp tục hoàn thiện thể chế, bảo đảm tính thống nhất, đồng bộ của hệ thống pháp luật.',
  'Bên cạnh kết quả đạt được, công tác này vẫn còn một số tồn tại như nguồn lực còn hạn chế, cơ sở vật chất chưa đáp ứng yêu cầu.',
  'Thông qua hoạt động này, nhận thức của cán bộ và người dân về pháp luật đã được nâng lên rõ rệt.',
  'Các ý kiến phát biểu đều thống nhất đánh giá cao sự chuẩn bị chu đáo của đơn vị chủ trì.',
  'Các đơn vị đã chia sẻ kinh nghiệm, cách làm hay và đề xuất nhiều giải pháp thiết thực.',
  'Đây là hoạt động thường niên nhằm kịp thời nắm bắt tình hình thực tiễn tại địa phương.',
  'Báo cáo cũng chỉ rõ nguyên nhân của những hạn chế và bài học kinh nghiệm rút ra trong thời gian tới.',
];

/** Names of reporters and photographers (given names only, as bylines write them). */
export const BYLINES = ['Hoàng Minh', 'Quốc Tuấn', 'Phan Thảo', 'Minh Hà', 'Thu Hằng', 'Đức Anh', 'Ngọc Lan', 'Thanh Tùng', 'Hải Yến', 'Bảo Châu'];

/** Venues inside a province, after "tại". */
export const VENUES = ['Hội trường Ủy ban nhân dân tỉnh', 'trụ sở Sở Tư pháp', 'Trung tâm Hội nghị tỉnh', 'Nhà văn hóa xã', 'Hội trường Tỉnh ủy'];

/** Weekday names from Sunday, as date lines print them. */
export const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
