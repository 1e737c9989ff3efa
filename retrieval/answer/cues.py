"""The words that say what a question asks beyond its topic: a comparison, a figure, a yes or no, a case's
outcome, reason, provisions or keywords, a time limit, a document (see question.Asked's cues)."""

from __future__ import annotations

import re

# Which place has the most or the least of something ('哪个地方的案件比最低？', 'Which fell more, A or B?')
MOST = re.compile(r"最(?:高|多|大|快|长)|更(?:高|多|大)|(?:哪个|哪一?个地方|谁)(?:的)?(?:高|多|大)|\b(?:highest|most|largest|biggest|greatest|higher|more|larger|"
                  r"bigger)\b", re.I)
LEAST = re.compile(r"最(?:低|少|小|短)|更(?:低|少|小)|(?:哪个|哪一?个地方|谁)(?:的)?(?:低|少|小)|\b(?:lowest|fewest|least|smallest|lower|fewer|smaller)\b", re.I)
# the best of something: a ratio such as 案-件比 is best lowest (fewer matters per case), anything else highest
BEST = re.compile(r"最(?:好|优|佳)|(?:做得|搞得)?(?:更|比较)好|\b(?:best|better)\b", re.I)
# how far apart two places' figures are ('昆明比榆林多多少人？', 'How many more hearings did Anhui hold than Yulin?')
DIFFERENCE = re.compile(r"(?:多|少|高|低)了?多少|差(?:了|距)?多少|相差|\bhow (?:many|much) (?:more|fewer|less|higher|lower)\b|"
                        r"\bby how much\b|\bdifference between\b", re.I)
WHICH = re.compile(r"哪(?:个|一个|些)?|谁|\bwhich\b", re.I)
# what a ranking question says of its measure (最低, 下降, 同比, 案件), not the measure itself
NOT_MEASURED = re.compile(r"^(?:最|更)|^(?:同比|环比)|^(?:下降|减少|降低|上升|增加|增长|提高|提升|降幅|增幅|幅度)$|^(?:降|升|涨|跌)"
                          r"|^(?:案件|件数|数量|人数|次数|数字|数据)$")  # the counted noun: '司法救助案件最多' counts 司法救助
COMPARE = re.compile(r"比较|对比|相比|各是|各自|各有|分别|有什么不同|有何不同|有什么区别|有何区别|异同|区别|差异|\bcompar|\bdiffer|"
                     r"\bversus\b|\bvs\.?\b|\bcontrast", re.I)
FIGURE = re.compile(r"多少|几[个件人次项家名条年]|比例|比率|百分之|占比|[^\s]率|数量|(?<!大)数据(?![模库化平])|数字(?![化检经赋平政技])|案件比|"
                    r"how many|how much|what (?:share|percentage|proportion|ratio|rate|number)|\bratio\b|\brate\b|"
                    r"\bpercent|\bfigures?\b|\bnumbers?\b|\bstatistic|"
                    r"\bwhat (?:was |is |were |are )?(?:the )?(?:[\w-]+ ){0,2}(?:total|amount|sum|value|price|payment|"
                    r"prison term|fine)\b|"
                    r"\bwhat (?:damages|compensation) [^?]{0,30}\b(?:awarded|ordered|granted)\b", re.I)
# An A-not-A pair (能不能, 是不是, 支不支持, 可不可以) asks whether, as 吗 and 是否 do.
# … and a choice between two ('是盗窃还是诈骗？'): the court's conclusion answers it as it answers a yes or no
YES_NO = re.compile(r"吗(?:[？?]|\s*$)|([\u4e00-\u9fff])不\1|能否|是否|可否|有没有|是[\u4e00-\u9fff]{1,8}还是|"
                    r"(?:^|[.?!;]\s+)(?:is|are|can|could|does|do|did|should|will|would|was|were|has|have|may|must)\b|"
                    # 'If someone registers…, will the court back the claim?': the condition first, then the asking
                    r"^(?:if|when|where|once|after|suppose|assuming)\b[^?]*,\s*(?:is|are|can|could|does|do|did|should|"
                    r"will|would|was|were|has|have|may|must)\s+(?:the|a|an|he|she|it|they|i|we|you|this|that|such|"
                    r"my|our|his|her|their)\b",
                    re.I)
# What a court did ('二审最后怎么处理的', '最高法是怎么处理的') is how a case ended, not what a breach costs.
COURT_HANDLED = re.compile(r"(?:法院|法庭|高法|一审|二审|再审|法官)[^，,。？?]{0,6}(?:怎么|如何|怎样)处理")
OUTCOME = re.compile(rf"{COURT_HANDLED.pattern}|"
                     r"怎么判|如何判|判了|改判|判决结果|裁判结果|最[后终].{0,6}(?:判|结果)|结果(?:怎[样么]样?|如何|是什么)|"
                     r"什么结果|最[后终].{0,12}(?:作了|作出|采取了)(?:哪些|什么)|最[后终]是?(?:怎[么样]|如何)|要不要(?:承担|赔)|是否(?:承担|赔)|"
                     r"支不支持|会支持|赔了多少|支持了?多少|支持了?哪些|判赔了?多少|承担(?:什么|哪些)(?:法律)?责任|"
                     r"罚金(?:是|为|判了?)?多少|判(?:处|了)?(?:多少|几年)|刑期(?:是|为)?多[少久]|"
                     r"(?:一审|二审|再审|终审)(?:呢|怎么样|如何|又如何)\s*[？?]?\s*$|"
                     r"(?:一审|二审|再审|终审)[^，,。？?]{0,8}(?:一样|相同|不一样|不同|有变化|变了)|"  # '一审二审结果一样吗？'

                     r"how did the courts? (?:rule|decide)|\bwhat (?:did|does) (?:the |that |this )?(?:guiding )?cases? [^?]{0,30}\bdecide\b|"
                     r"\bheld liable\b|"
                     r"\b(?:did|does|would|had|has) (?:the )?(?:[\w-]+ ){0,2}courts? (?:order|award|grant|decide)(?:ed)?\b|"
                     r"\bruled?\b|\bfinally\b|\beventually\b|"
                     r"\bruling\b|\boutcome\b|\bverdict\b|\bwhat sentence\b|\bsentenced\b|\bwhat became of\b|"
                     r"\b(?:changed|overturned|reversed|quashed|set aside)\b|"
                     r"\bwhat (?:was|were) the (?:final )?(?:sentences?|fines?|penalt(?:y|ies)|punishments?)\b|"
                     r"\bhow much (?:was|were) (?:the )?(?:fines?|compensation|damages)\b|\bhow much [^?]{0,30}\bawarded\b|"
                     r"\bwhat (?:damages|compensation|amounts?) [^?]{0,30}\b(?:awarded|ordered|granted)\b|"
                     r"\bon (?:appeal|retrial)\b|\bin the end\b|\bultimately\b|\bhow did [^?]{1,80}? end\b|"
                     r"\bdid [^?]{1,60}? (?:win|lose)\b|"
                     r"\bwhat happened (?:to|with|in)\b|由谁(?:来)?承担|谁(?:来)?(?:承担|赔偿)|归谁(?:所有)?|"
                     r"\bwho (?:owns|is liable|must pay|has to pay|should pay|bears)\b|"
                     r"\bwho (?:is|was) (?:right|in the right)\b|\bwho (?:wins|won|prevail(?:s|ed)?)\b|谁有理|谁胜诉|"
                     r"\b(?:was|were|is|are|be|been) (?:\w+ ){0,3}ordered to\b|判令", re.I)
PROVISIONS_ASKED = re.compile(r"依据(?:的是|了)?(?:[\u4e00-\u9fff]{1,6}?法)?(?:哪|什么)|哪一?(?:条|部|个|些)(?:法律|法条|条文|规定|法(?![院官庭]))|"
                              r"适用(?:了|的是)?(?:哪|什么)些?(?:法|法律|法条|条文)|相关法条|法律依据|引用了?(?:哪|什么)|"
                              r"\b(?:which|what) (?:laws?|articles?|statutes?|provisions?)\b|\blegal basis\b|"
                              r"\bprovisions? applied\b", re.I)
# when a law took effect ('外国国家豁免法什么时候生效？', 'When does the Foreign State Immunity Law take effect?')
EFFECTIVE_ASKED = re.compile(r"(?:什么时候|何时|哪天|哪一天|哪年|哪一年)(?:开始|起)?(?:生效|施行|实施)|自何时|从什么时候(?:开始|起)?"
                             r"(?:生效|施行|实施)|(?:生效|施行|实施)(?:时间|日期)|\bwhen (?:does|did|will|do|was) .{1,80}?"
                             r"(?:take effect|come into (?:force|effect)|enter(?:ed)? into force|become effective|in force)\b|"
                             r"\b(?:effective|commencement) date\b", re.I)
# the words a question asks how a case ended with, no topic of it ('end' is no 结束, 'won' no 韩元)
OUTCOME_WORDS_EN = re.compile(r"\b(?:end|ended|won|win|wins|lose|lost|prevail(?:ed|s)?|awarded)\b", re.I)
# a question asking for what a list holds ('担任检察官必须具备哪些条件？', 'What are the conditions …?')
LIST_ASKED = re.compile(r"哪些|哪几(?:种|类|项|个)|什么条件|哪些条件|什么情形|什么情况下|\bwhat (?:are the )?(?:conditions|"
                        r"requirements|circumstances|situations|grounds)\b|\bwhich (?:conditions|requirements|"
                        r"circumstances|situations|grounds)\b", re.I)
# how an English question compares, no topic of it ('differ' is no 相差)
COMPARE_WORDS_EN = re.compile(r"\b(?:differ(?:s|ed|ence|ences|ent)?|compar(?:e|ed|es|ing|ison)|versus|vs\.?|"
                              r"contrast(?:s|ed)?)\b", re.I)
# a case's facts (its 基本案情), asked of a case the question names
FACTS_ASKED = re.compile(r"基本案情|案情|案件事实|事实经过|案件经过|怎么回事|发生了什么|\bfacts?\b|\bwhat happened\b|"
                         r"\bbackground\b|\bstory\b", re.I)
# who the parties to a case are ('当事人是谁？', 'Who were the parties?', 'Who sued whom?')
PARTIES_ASKED = re.compile(r"当事人(?:是|有|都)|(?:原告|被告人?|上诉人)(?:是|都是)谁|谁(?:起诉|告)了?谁|"
                           r"\bwho (?:were|are|was|is) the (?:parties|plaintiffs?|defendants?|claimants?|litigants?|accused)\b|"
                           r"\bwho sued\b|\bparties (?:involved|to the case|in the case)\b", re.I)
KEYWORDS_ASKED = re.compile(r"关键词|关键字|\bkey ?words?\b", re.I)
HOLDING_ASKED = re.compile(r"裁判要点|要旨|裁判规则|认定标准|判断标准|(?:是)?(?:怎么|如何)(?:说|讲|认定|把握|界定)的?[？?]?\s*$|"
                           r"\bsays? about\b|\bwhat (?:does|do|did) (?:guiding )?cases? .{0,40}\bsay\b|"
                           r"\bhow (?:should|do|does|must|have|would|will) (?:a |the )?courts?\b|"
                           r"\bhow (?:did|do|does|should|would) (?:a |the )?courts? (?:go about|deal with|handle|treat|"
                           r"determine|calculate|assess|work out|fix|arrive at)\b|"
                           r"\bthe rule\b|\bprinciples?\b|\bwhy\b|\bon what (?:basis|grounds?)\b|\bholdings?\b|\bkey points?\b|"
                           # 'what did the court hold', not 'held the most public hearings' or 'how many meetings were held'
                           r"^(?!.*\b(?:hearings?|meetings?|trials?|conferences?|sessions?|office|posts?|positions?|talks|"
                           r"events?|briefings?|trainings?|consultations?|stakes?|shares?|custody)\b).*?\b(?:hold|held)\b|"
                           r"为什么|为何|什么理由|凭什么|依据什么|根据什么", re.I)
# Which cases ('有哪些关于…的指导案例？', 'Which guiding cases deal with …?'): the answer lists them.
CASES_ASKED = re.compile(r"(?:哪些|什么|哪几个|哪个)[^，,。？?]{0,20}案例|有没有[^，,。？?]{0,16}案例|案例有哪些|"
                         r"\b(?:which|what) (?:guiding |typical |other )?cases\b|\bany (?:guiding |similar )?cases\b|"
                         r"\blist (?:the |all )?(?:guiding )?cases\b", re.I)
# An exception to a rule ('有没有例外？', 'Is there an exception?'), which a rule states as 但是…, …除外, 可以不…
EXCEPTION_ASKED = re.compile(r"例外|除外|特殊情况|可以不|能不能不|能否不|免于|免予|豁免|"
                             r"\bexceptions?\b|\bexempt(?:ion|ions|ed)?\b", re.I)
# Why a court held so ('法院为什么这么认定？', 'Why did the court decide that?'): its grounds, not a party's
COURT_REASON_ASKED = re.compile(r"(?:法院|法庭|法官|本院|一审|二审|再审)[^，,。？?]{0,10}(?:为什么|为何|什么理由|依据什么)|"
                                r"(?:为什么|为何)[^，,。？?]{0,8}(?:认定|判决?|裁定|驳回|支持|改判)|"
                                r"\bwhy did the (?:court|judges?|tribunal)\b|"
                                r"\bwhy was (?:it|the \w+) (?:held|decided|ruled)\b", re.I)
REASON_ASKED = re.compile(r"为什么|为何|什么原因|原因是什么|出于什么|\bwhy\b|\bwhat (?:was|is) the reason\b", re.I)
PROBLEMS_ASKED = re.compile(r"存在(?:哪些|什么)?(?:问题|困难|不足)|(?:有|面临|还有)(?:哪些|什么)(?:问题|困难|不足)|困难|不足之处|短板|"
                            r"\bproblems?\b|\bdifficult(?:y|ies)\b|\bchallenges?\b|\bshortcomings?\b|"
                            r"\bweakness(?:es)?\b", re.I)
# How many grades or kinds something is divided into ('医疗事故分几级？', '分为哪几类？', 'how many grades'):
# answered by a sentence dividing it ('医疗事故分为四级'), in no word of the question's
KINDS_ASKED = re.compile(r"(?:分为?|有)?几(?:个)?(?:级|类|种|档|等级)|(?:分为?|有)哪几(?:级|类|种|档|个等级)|"
                         r"\bhow many (?:grades|levels|classes|categories|kinds|types|tiers)\b", re.I)
# Who acts, decides or enforces ('谁来查处？', '由哪个部门负责？', 'Which authority is in charge?')
AGENCY_ASKED = re.compile(r"由谁|谁来|谁负责|谁查处|谁管|向谁|找谁|哪个(?:部门|机关|机构|单位)|哪些(?:部门|机关)|什么(?:部门|机关)|"
                          r"\bwhich (?:authority|authorities|agency|agencies|department|departments|body|bodies|organ)\b|"
                          r"\bwho (?:enforces|investigates|decides|grants|approves|is responsible|handles|oversees)\b|"
                          r"\bto whom\b", re.I)
# What a law covers, or when it applies: a law's framing ('…应当遵守本条例', '自…起施行') answers only that.
SCOPE_ASKED = re.compile(r"适用|范围|施行|生效|目的|\bappl(?:y|ies|ied)\b|\bscope\b|\bcover(?:s|ed)?\b|"
                         r"\b(?:into|in|take|takes|took) effect\b|\bpurpose\b", re.I)
# What happens to someone who breaks a rule ('应该怎么处理？', '对单位怎么罚？', 'what penalty does it face?')
SANCTION_ASKED = re.compile(r"怎么(?:处理|处罚|罚)|如何(?:处理|处罚)|怎样(?:处理|处罚)|罚多少|处罚|罚款|什么(?:后果|责任)|"
                            r"违反[^？?]{0,60}(?:处理|怎么办|什么措施|后果)|"
                            r"\bpenalt|\bpunish|\bfined?\b|\bsanction|"
                            r"\bwhat happens (?:to|if)\b|\bconsequences?\b", re.I)
# The day something happened ('on what date', 'when was the first hearing held', '什么时候作出的')
DATE_ASKED = re.compile(r"\bwhen (?:did|was|were|had|has|is|does|do)\b|\b(?:on )?(?:what|which) (?:date|day|year)\b|"
                        r"\bin what year\b|何时|哪一?天|哪一?年|几月几日|什么时候(?!之前|以前|前)|几点|\bwhat time\b|"
                        r"\bat what hour\b", re.I)
TERM_ASKED = re.compile(r"判了?几年|判了?多少年|判了?多久|刑期|什么刑|何种刑|\bprison term|\bhow many years\b|"
                        r"\bhow long (?:a |was the |is the )?(?:sentence|prison|term)|\bwhat sentence\b", re.I)
# '有没有时间和次数上的限制？': the words asking for a limit on time or on how often
LIMITS_ASKED = r"(?:时间(?:[和及、或]次数)?|次数)上?的?(?:要求|限制)"
# A time limit asked ('有没有时间上的要求？', 'Within what time must it…?'); a prison term is TERM_ASKED's.
TIME_LIMIT_ASKED = re.compile(rf"多久|多长时间|多少天|几天|几日|几个?(?:月|工作日|小时)|多少小时|多快|期限|时限|{LIMITS_ASKED}|"
                              r"什么时候(?:之前|以前|前)|\bhow long\b|\bhow many (?:days|weeks|months|hours|working days)\b|"
                              r"\bwithin what (?:time|period)\b|\btime limits?\b|\bdeadlines?\b|\bhow much notice\b|"
                              r"\bhow (?:soon|quickly|fast|promptly)\b|\b(?:shortest|longest|minimum|maximum) (?:period|time)\b|\bby when\b", re.I)
# An earlier court's judgment asked for itself ('一审怎么判的', 'what did the trial court originally impose'),
# though a later court set it aside.
EARLIER_ASKED = re.compile(r"一审|原审|原判|最初|起初|一开始|\boriginally\b|\bfirst[- ]instance\b|\binitial(?:ly)?\b|"
                           r"\boriginal (?:judgment|ruling|decision|sentence|verdict|award|order)s?\b|\bat first\b|"
                           r"\bbefore (?:the |it )?.{0,30}(?:appeal|retri|reopen)", re.I)
# The words that ask for a time limit say nothing of what it is a limit on: not topic terms.
_HOW_LONG = r"(?:多长时间|多久|多少天|几天|几个月|几年|几个?小时|多少(?:个)?小时)(?:以?内)?"  # '几小时内': 内 asks too
TIME_ASK_WORDS = re.compile(rf"{LIMITS_ASKED}|(?:最长|最短|最多|至少)?(?:是|为|有)?{_HOW_LONG}|哪一?年(?:的)?|"
                            # '最长能约定多久？': the bound asked, a few words before the asking word
                            rf"(?:最长|最短)(?=[^，,。？?]{{0,6}}{_HOW_LONG})")
# '办了多少案件': the cases are what is counted, and a count of them says so by its measure word (5631件),
# not by the word 案件: not a topic term.
CASES_COUNTED = re.compile(r"(?:多少|几)(?:起|个|宗)?(?:案件|案子)")
SHARE_ASKED = re.compile(r"比例|比率|百分之|占比|[^\s]率|percent|share|proportion|\brate\b|how often", re.I)
HOW = re.compile(r"怎么|怎样|如何|做法|措施|举措|经验|办法|机制|哪些工作|做了什么|采取了|借鉴|亮点|how\b|what (?:did|has|have|do|does)\b|"
                 r"what (?:measures|steps|practices|approach)|\bmeasures\b|\bpractices?\b|\bsteps\b", re.I)
# '有哪些内容？' asks what a document says; '遗嘱哪些内容无效？' asks about the will's clauses
# '报告' and 'report' the noun, not the duty ('未按规定报告职业病怎么处罚？', 'failing to report a case')
_REPORT = r"(?<![未不应当须时实定法要关])报告|(?<!\bto )(?<!\bnot )(?<!\bI )(?<!\bwe )(?<!\byou )(?<!\bcan )" \
          r"(?<!\bmust )(?<!\bshould )(?<!\bmay )\breport\b(?!\s+(?:someone|somebody|it|him|her|them|a crime|crimes|an? \w+ to))"
DOCUMENT = re.compile(rf"{_REPORT}|总结|概括|概述|(?:主要|哪些)内容(?=[？?。，,；]|是|\s*$)|哪些经验|讲了什么|说了什么|说了哪些|讲了哪些|summari[sz]e|\bsummary\b|"
                      r"what does .{0,40}\bsay|是怎么回事|(?:基本)?案情(?:是什么|是啥|如何|怎样)|"  # '于欢案是怎么回事？'
                      r"\bwhat (?:is|was) .{0,60}\bcase about\b", re.I)
# What a rule requires of a report, asked of a law ('事故报告应当包括哪些内容？', '调查报告要在多长时间内提交？'):
# a duty, a time limit or who must act, not a request to summarise a document
RULE_OF_REPORT = re.compile(rf"应当|应该|必须|须在|要在|能不能|可不可以|\bmust\b|\bwithin\b|"
                            r"向谁|向哪|[要应须需]向|\b(?:report|submit|file)\w* (?:it )?to (?:whom|which)\b|"  # '要向谁报告？'
                            r"\bto whom\b|"
                            r"(?:什么时候|何时|哪天|几月|每年)(?:之前|以前)?(?:报送|提交|报告|公示|备案|上报)|"  # '年度报告什么时候报送？'
                            r"\bwhen (?:must|should|do|does|is|are)\b.{0,40}\b(?:filed|submitted|file|submit)\b|"
                            rf"{TIME_LIMIT_ASKED.pattern}|{AGENCY_ASKED.pattern}", re.I)
PLANS = re.compile(r"下一步(?!应当|应该|该|要|可以|能|怎么办|报|由)|今后.{0,6}(?:打算|计划|怎么做)|\bplans? (?:to do )?next\b|\bnext steps?\b|"
                   r"\bgoing forward\b|\bplans? for the (?:future|coming year)", re.I)
DOCUMENT_NOUN = re.compile(rf"{_REPORT}|典型事例|经验交流|会议|文件|\bdocument\b|\bsummar|\bmeeting\b|"
                           r"\bconference\b|\bcompilation\b|[案号](?=是怎么回事|的基本案情|的案情)|\bcase about\b", re.I)


# Words that ask, or say where or when, as every question does: no topic word of what is asked.
GENERIC = {"检察", "检察院", "检察机关", "人民检察院", "检察官", "全市", "全省", "全区", "省", "市", "怎么样", "怎么",
           "样", "多少", "哪些", "情况", "工作", "察院", "机关", "检察工作", "什么", "怎么办", "做", "是否", "方面",
           "有何", "不同", "区别", "比较", "对比", "相比", "异同", "差异", "报告", "总结", "主要", "内容", "经验",
           "做法", "措施", "举措", "办法", "采取", "进行", "开展", "有什么", "怎样", "如何", "数据", "数字", "比例",
           "各是", "各自", "各有", "涉及", "有关", "相关", "案子", "为什么", "为何", "分别", "分别是", "哪些", "那次",
           "各省", "各地", "各市", "各区", "各县", "各个地方", "全国各地", "哪个地方", "哪些地方", "哪里", "哪个省", "哪些省", "多少钱", "多少年", "几年", "多久", "多长时间",
           "多长", "多远", "多高", "多重", "第几条", "哪条", "哪一条",  # how long, which article: how it asks
           "去年", "今年", "前年", "近年", "近年来", "这几年", "近几年", "最近",  # when, as the asker's calendar says it
           "有没有", "是不是", "能不能", "可不可以", "算不算", "最后", "最终", "那个", "这个", "那些", "这些", "这样", "那样", "这么", "这种", "那种", "一共",
           "总共", "值得", "借鉴", "值得借鉴", "可借鉴", "亮点", "启示",  # '…有什么值得借鉴的？' asks for the practice
           "例外", "例外情况", "特殊情况",  # '有没有例外？' asks for the rule's exceptions, which say 但是, 除外, 可以不
           # a case collection's kind of document and its sections: where to look, which cues say, not what
           "指导案例", "指导性案例", "案例", "典型案例", "裁判理由", "裁判要点", "裁判结果", "基本案情", "本院认为",
           "法院认为"}
