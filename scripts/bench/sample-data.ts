/**
 * Small arrays the generator picks from with modular arithmetic: enough variety for realistic keyword
 * selectivity (a street matches ~1/48 of tickets, a full name ~1/1600, a phone tail ~1/10,000).
 */

export interface CenterSpec {
  name: string;
  phone: string;
  city: string;
  districts: [string, string, string];
}

/** 20 service centers, 3 districts each (60 service areas). */
export const centers: CenterSpec[] = [
  { name: "上海浦东服务中心", phone: "021-58880001", city: "上海市", districts: ["浦东新区", "闵行区", "奉贤区"] },
  { name: "上海徐汇服务中心", phone: "021-64880002", city: "上海市", districts: ["徐汇区", "长宁区", "静安区"] },
  { name: "上海杨浦服务中心", phone: "021-65880003", city: "上海市", districts: ["杨浦区", "虹口区", "宝山区"] },
  { name: "北京朝阳服务中心", phone: "010-85880004", city: "北京市", districts: ["朝阳区", "东城区", "通州区"] },
  { name: "北京海淀服务中心", phone: "010-62880005", city: "北京市", districts: ["海淀区", "西城区", "昌平区"] },
  { name: "北京丰台服务中心", phone: "010-63880006", city: "北京市", districts: ["丰台区", "大兴区", "房山区"] },
  { name: "杭州西湖服务中心", phone: "0571-87880007", city: "杭州市", districts: ["西湖区", "上城区", "拱墅区"] },
  { name: "杭州滨江服务中心", phone: "0571-86880008", city: "杭州市", districts: ["滨江区", "萧山区", "余杭区"] },
  { name: "南京鼓楼服务中心", phone: "025-83880009", city: "南京市", districts: ["鼓楼区", "玄武区", "秦淮区"] },
  { name: "南京江宁服务中心", phone: "025-52880010", city: "南京市", districts: ["江宁区", "雨花台区", "建邺区"] },
  { name: "苏州园区服务中心", phone: "0512-62880011", city: "苏州市", districts: ["工业园区", "姑苏区", "吴中区"] },
  { name: "广州天河服务中心", phone: "020-38880012", city: "广州市", districts: ["天河区", "越秀区", "海珠区"] },
  { name: "广州番禺服务中心", phone: "020-34880013", city: "广州市", districts: ["番禺区", "白云区", "黄埔区"] },
  { name: "深圳南山服务中心", phone: "0755-26880014", city: "深圳市", districts: ["南山区", "福田区", "宝安区"] },
  { name: "深圳龙岗服务中心", phone: "0755-28880015", city: "深圳市", districts: ["龙岗区", "罗湖区", "龙华区"] },
  { name: "成都武侯服务中心", phone: "028-85880016", city: "成都市", districts: ["武侯区", "锦江区", "高新区"] },
  { name: "武汉江汉服务中心", phone: "027-85880017", city: "武汉市", districts: ["江汉区", "武昌区", "洪山区"] },
  { name: "西安雁塔服务中心", phone: "029-85880018", city: "西安市", districts: ["雁塔区", "碑林区", "未央区"] },
  { name: "宁波鄞州服务中心", phone: "0574-88880019", city: "宁波市", districts: ["鄞州区", "海曙区", "江北区"] },
  { name: "合肥蜀山服务中心", phone: "0551-65880020", city: "合肥市", districts: ["蜀山区", "包河区", "庐阳区"] },
];

export const TECHNICIANS_PER_CENTER = 10;

export const surnames = [
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
  "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
];

export const givenNames = [
  "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞",
  "平", "刚", "桂英", "建华", "文", "华", "金凤", "志强", "晓东", "海燕", "建国", "丹", "玉兰", "俊杰", "子涵", "浩然",
  "欣怡", "梓萱", "宇轩", "思远",
];

export const streets = [
  "张江路", "世纪大道", "南京西路", "淮海中路", "长寿路", "延安西路", "漕溪北路", "虹桥路", "四平路", "国权路",
  "建国路", "朝阳北路", "中关村大街", "学院路", "丰台北路", "文三路", "教工路", "江南大道", "滨盛路", "中山北路",
  "广州路", "双龙大道", "星湖街", "干将路", "天河路", "体育西路", "中山大道", "深南大道", "科技园路", "龙岗大道",
  "人民南路", "天府大道", "解放大道", "珞喻路", "小寨路", "长安路", "中山东路", "天童路", "长江西路", "黄山路",
  "金科路", "碧波路", "龙阳路", "锦绣路", "杨高南路", "仙霞路", "古北路", "武夷路",
];

export const compounds = [
  "阳光花园", "翠湖苑", "金色家园", "锦绣华庭", "明珠苑", "万科城市花园", "绿城桂花园", "碧桂园", "保利香槟", "华润幸福里",
  "中海国际", "龙湖春江郦城", "世茂滨江", "融创玖玺", "招商雍华府", "金地格林", "恒大名都", "新城公馆", "旭辉铂悦",
  "仁恒河滨花园", "建发央玺", "九龙仓玺园", "星河湾", "紫薇花园",
];

/** Mobile prefixes (11-digit numbers are prefix + 8 digits). */
export const phonePrefixes = [
  "138", "139", "137", "136", "135", "150", "151", "152", "158", "159", "186", "187", "188", "130", "131", "132", "155",
  "156", "185", "133", "153", "180", "189", "177", "199", "166", "176", "173", "181", "191",
];

export const applianceModels = [
  "JJZT-90A", "CXW-260-JQ01", "JZT-FD21B", "JSQ30-16A", "W60B1", "SZQ-A5", "JJZT-X6", "CXW-228-E900", "JZY-B51", "JSQ25-13C",
];

export const issueDescriptions = [
  "点火后火焰很小，偶尔熄火",
  "吸力变小，油烟味很大",
  "开机后显示E1故障码",
  "热水忽冷忽热",
  "洗碗机不排水",
  "蒸箱加热很慢",
  "灶具打不着火",
  "油烟机噪音很大",
  "面板按键失灵",
  "底部漏水，有积水",
  "需要清洗保养",
  "新机上门安装",
  "搬家移机",
  "烟机自动开启，关不掉",
];

export const cancelReasons = ["客户改期", "客户已自行修好", "重复下单", "联系不上客户", "客户取消预约"];

/** Crockford base32 without I, L, O, U (lib/tickets/codes.ts). */
export const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
