// Chinese names for people, companies and branches. Every character is in GB2312, so the GBK
// export round-trips (checked in tests/generator).
import type { Rng } from './random.ts';

const surnames = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡',
  '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金',
  '石', '廖', '贾', '夏', '韦', '方', '白', '邹', '孟', '熊', '秦', '邱', '江', '尹', '薛', '段', '雷', '侯', '龙', '史',
  '陶', '黎', '贺', '顾', '毛', '郝', '龚', '邵', '万', '钱', '严', '武', '戴', '莫', '孔', '向', '汤', '欧阳', '司马', '诸葛',
];

const givenChars = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '霞', '平', '刚',
  '英', '华', '玲', '桂', '兰', '红', '文', '辉', '建', '国', '斌', '宇', '浩', '凯', '鹏', '飞', '欣', '雪', '梅', '琳',
  '婷', '晨', '阳', '峰', '林', '波', '宁', '亮', '志', '海', '东', '燕', '慧', '颖', '佳', '嘉', '俊', '彬', '琪', '瑞',
  '思', '雨', '子', '天', '晓', '云', '萍', '春', '秋', '冬', '立', '新', '荣', '玉', '霖', '昊', '睿', '博', '然', '悦',
];

export function personName(rng: Rng): string {
  const s = rng.float() < 0.97 ? rng.pick(surnames.slice(0, 97)) : rng.pick(surnames.slice(97));
  const given = rng.float() < 0.7 ? rng.pick(givenChars) + rng.pick(givenChars) : rng.pick(givenChars);
  return s + given;
}

/** GB/T 4754 sections used for corporate clients, with the words their company names carry. */
export const industries: readonly { name: string; words: readonly string[]; weight: number }[] = [
  { name: '制造业', words: ['机械制造', '电子科技', '精密仪器', '新材料', '汽车配件', '纺织', '食品', '化工'], weight: 30 },
  { name: '批发和零售业', words: ['商贸', '贸易', '百货', '进出口', '供应链'], weight: 22 },
  { name: '建筑业', words: ['建筑工程', '建设', '装饰工程', '市政工程'], weight: 10 },
  { name: '房地产业', words: ['房地产开发', '置业', '物业管理'], weight: 6 },
  { name: '交通运输、仓储和邮政业', words: ['物流', '运输', '仓储'], weight: 7 },
  { name: '信息传输、软件和信息技术服务业', words: ['软件', '信息技术', '网络科技', '数据服务'], weight: 8 },
  { name: '住宿和餐饮业', words: ['餐饮管理', '酒店管理'], weight: 4 },
  { name: '租赁和商务服务业', words: ['投资管理', '咨询', '企业管理', '租赁'], weight: 6 },
  { name: '农、林、牧、渔业', words: ['农业发展', '生态农业', '养殖'], weight: 3 },
  { name: '电力、热力、燃气及水生产和供应业', words: ['能源', '燃气', '新能源'], weight: 2 },
  { name: '卫生和社会工作', words: ['医药', '医疗器械', '健康管理'], weight: 2 },
];
export const industryWeights = industries.map((i) => i.weight);

const tradeNames = [
  '华盛', '金达', '东方', '中天', '宏达', '恒信', '新元', '瑞丰', '博远', '鼎盛', '汇通', '永安', '嘉禾', '盛世', '长江',
  '海川', '天润', '正泰', '安和', '信达', '联创', '卓越', '明德', '兴业', '华夏', '远航', '启明', '鸿运', '伟业', '广源',
  '泰和', '万通', '金桥', '银河', '星辰', '锦程', '华信', '宝丰', '富康', '德隆', '润华', '立信', '昌盛', '世纪', '凯旋',
  '恒通', '丰源', '荣发', '宏图', '三友', '同创', '和谐', '翔宇', '方圆', '聚源', '瀚海', '天成', '华宇', '永兴', '新时代',
];
const places = ['江苏', '浙江', '广东', '南京', '苏州', '杭州', '宁波', '广州', '深圳', '无锡', '佛山', '温州', '常州', '东莞', '嘉兴'];

export function tradeName(rng: Rng): string {
  return rng.pick(tradeNames) + (rng.float() < 0.3 ? rng.pick(tradeNames).slice(0, 1) : '');
}

export function companyName(rng: Rng, industry: number, group?: string): string {
  const word = rng.pick(industries[industry]!.words);
  const suffix = rng.float() < 0.15 ? '股份有限公司' : '有限公司';
  if (group) return `${group}集团${rng.pick(places)}${word}${suffix}`;
  return `${rng.float() < 0.5 ? rng.pick(places) : ''}${tradeName(rng)}${word}${suffix}`;
}

/** Province-level branches, their cities, and district words for sub-branches and outlets. */
export const tier1Names: readonly { name: string; cities: readonly string[] }[] = [
  { name: '江苏省分行', cities: ['南京', '苏州', '无锡', '常州', '南通', '扬州', '徐州', '镇江', '盐城', '泰州', '淮安', '连云港'] },
  { name: '浙江省分行', cities: ['杭州', '宁波', '温州', '绍兴', '嘉兴', '湖州', '金华', '台州', '丽水', '衢州', '舟山', '义乌'] },
  { name: '广东省分行', cities: ['广州', '深圳', '佛山', '东莞', '珠海', '中山', '惠州', '江门', '汕头', '湛江', '肇庆', '清远'] },
  { name: '山东省分行', cities: ['济南', '青岛', '烟台', '潍坊', '临沂', '淄博', '济宁', '威海', '泰安', '德州', '聊城', '日照'] },
  { name: '四川省分行', cities: ['成都', '绵阳', '德阳', '宜宾', '南充', '泸州', '乐山', '达州', '自贡', '眉山', '遂宁', '内江'] },
];

export const districtWords = [
  '城东', '城西', '城南', '城北', '中山路', '人民路', '解放路', '建设路', '新华路', '和平路', '高新区', '开发区', '新区',
  '滨江', '湖滨', '江北', '河西', '鼓楼', '钟楼', '天宁', '工业园', '科技城', '大学城', '火车站', '会展中心', '金融街',
  '港口', '新城', '老城', '北关', '南门', '西湖', '东湖', '桥头', '花园路', '文化路', '长江路', '黄河路', '淮海路', '中华路',
];

export const outletWords = ['社区', '商业街', '广场', '市场', '花园', '小区', '大厦', '学府', '园区', '新村'];
