"""Everything rectiplan says to a person, in Chinese and English, and how the language is chosen."""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterable, Mapping
from typing import Any

from .problems import Problem

LANGUAGES = ("zh", "en")

# Each problem code's message; `{name}` fields come from Problem.params.
PROBLEM_MESSAGES: dict[str, dict[str, str]] = {
    "file-not-found": {"en": "file not found", "zh": "文件不存在"},
    "file-unreadable": {"en": "cannot read the file: {reason}", "zh": "无法读取文件：{reason}"},
    "file-too-large": {
        "en": "the file is {size_mb} MB, over the {limit_mb} MB limit for a plan",
        "zh": "文件大小 {size_mb} MB，超过方案文件上限 {limit_mb} MB",
    },
    "too-many-values": {
        "en": "the file has {count_text} places where a YAML value can start (lines, commas, brackets, dashes, "
        "colons), over the {limit_text} a plan can need (a 100,000-item plan has 3.7 million); it is not parsed",
        "zh": "文件中可开始 YAML 值的位置（行、逗号、括号、短横线、冒号）有 {count_text} 处，超过方案所需的上限 {limit_text}"
        "（10 万个事项的方案约 370 万处）；未解析",
    },
    "symlink-refused": {"en": "not read: a symbolic link {where_en}", "zh": "未读取：该符号链接{where_zh}"},
    "encoding": {
        "en": "the file is not UTF-8 (byte 0x{byte:02X}){guess_en}",
        "zh": "文件不是 UTF-8 编码（字节 0x{byte:02X}）{guess_zh}",
    },
    "empty-file": {
        "en": "the file holds no YAML document; a plan needs at least title and items",
        "zh": "文件中没有 YAML 内容；方案至少需要 title 和 items",
    },
    "yaml-syntax": {"en": "YAML syntax error: {detail}", "zh": "YAML 语法错误：{detail}"},
    "duplicate-key": {
        "en": 'duplicate key "{key}" (first on line {first_line})',
        "zh": "重复的键“{key}”（第一次出现在第 {first_line} 行）",
    },
    "yaml-alias": {
        "en": "YAML aliases (*name) and merge keys are not allowed in a plan; write the value out",
        "zh": "方案中不允许使用 YAML 别名（*name）和合并键（<<）；请直接写出内容",
    },
    "yaml-tag": {
        "en": "YAML tag {tag} is not allowed; a plan holds only text, numbers, lists and mappings",
        "zh": "不允许使用 YAML 标签 {tag}；方案只能包含文本、数字、列表和映射",
    },
    "too-deep": {"en": "nested more than {limit} levels deep", "zh": "嵌套层级超过 {limit} 层"},
    "not-a-mapping": {
        "en": "the top level must be a mapping with title and items, not {got_en}",
        "zh": "顶层必须是包含 title 和 items 的映射，而不是{got_zh}",
    },
    "unknown-key": {"en": 'unknown key "{key}"{suggestion_en}', "zh": "未知的键“{key}”{suggestion_zh}"},
    "missing-key": {"en": 'missing required key "{key}"', "zh": "缺少必填的键“{key}”"},
    "wrong-type": {"en": "expected {expected_en}, found {got_en}", "zh": "应为{expected_zh}，实际为{got_zh}"},
    "empty-value": {"en": "must not be empty", "zh": "不能为空"},
    "bad-value": {"en": "invalid value {value}: must be {detail}", "zh": "无效的值 {value}：必须 {detail}"},
    "bad-date": {
        "en": '"{value}" is {reason_en}; write a date year first: 2021-08-31, 2021-8-31, 2021/8/31, '
        "2021.8.31 or 2021年8月31日",
        "zh": "“{value}”{reason_zh}；日期请按年月日书写：2021-08-31、2021-8-31、2021/8/31、2021.8.31 或 2021年8月31日",
    },
    "bad-status": {
        "en": 'unknown status "{value}"; use pending, in_progress, done or ongoing (or 未开始, 进行中, 已完成, 长期坚持)',
        "zh": "未知的状态“{value}”；可用 未开始、进行中、已完成、长期坚持（或 pending、in_progress、done、ongoing）",
    },
    "bad-timezone": {
        "en": '"{value}" is not an IANA time zone name{suggestion_en}; use one such as Asia/Shanghai',
        "zh": "“{value}”不是 IANA 时区名{suggestion_zh}；请使用例如 Asia/Shanghai 这样的时区名",
    },
    "duplicate-id": {
        "en": "id {id} is used twice (first on line {first_line})",
        "zh": "序号 {id} 重复（第一次出现在第 {first_line} 行）",
    },
    "measure-division": {
        "en": 'division "{division}" of this measure is not among the item\'s divisions ({known})',
        "zh": "该措施的责任处室“{division}”不在事项的责任处室（{known}）之中",
    },
    "fullwidth-separator": {
        "en": '"{value}" holds the full-width separator "{separator}", so YAML reads it as one name; '
        'separate list entries with ", " (ASCII comma and space)',
        "zh": "“{value}”中有全角分隔符“{separator}”，YAML 会把它当作一个名称；列表各项请用半角逗号加空格“, ”分隔",
    },
    "done-on-missing": {
        "en": "status is done but done_on, the completion date, is missing",
        "zh": "状态为已完成，但缺少完成日期 done_on",
    },
    "done-on-unexpected": {
        "en": 'done_on is set but the status is "{status}", not done',
        "zh": "填写了完成日期 done_on，但状态是“{status}”而不是已完成",
    },
    "closed-not-done": {
        "en": "closed_on is set but the item is not done; only a done item is closed (销号)",
        "zh": "填写了销号日期 closed_on，但事项尚未完成；只有已完成的事项才能销号",
    },
    "closed-before-done": {
        "en": "closed_on {closed_on} is before done_on {done_on}; an item is closed after it is done",
        "zh": "销号日期 {closed_on} 早于完成日期 {done_on}；事项须先完成后销号",
    },
    "progress-order": {
        "en": "progress entry of {on} comes after one of {previous}; keep progress oldest first",
        "zh": "进展情况 {on} 排在 {previous} 之后；进展情况应按日期从早到晚排列",
    },
    "extension-not-later": {
        "en": "extension to {to} is not later than the deadline before it, {previous}",
        "zh": "延期至 {to} 不晚于此前的完成时限 {previous}",
    },
    "warn-days-order": {
        "en": "warn_days: yellow ({yellow}) must be more days than orange ({orange})",
        "zh": "warn_days：黄色预警天数（{yellow}）必须大于橙色预警天数（{orange}）",
    },
    "unknown-division": {
        "en": 'division "{division}" is not in the plan\'s divisions list{suggestion_en}',
        "zh": "责任处室“{division}”不在方案的处室名录（divisions）中{suggestion_zh}",
    },
    "similar-division": {
        "en": 'division "{division}" differs by one character from "{other}" (uses: {uses}); a typo?',
        "zh": "责任处室“{division}”与“{other}”（出现 {uses} 次）只差一个字；是否写错？",
    },
}

PROBLEM_HINTS: dict[str, dict[str, str]] = {
    "encoding-utf16": {
        "en": "re-save the file as UTF-8 (Notepad: Save As → Encoding: UTF-8), "
        "or convert it: iconv -f {codec} -t UTF-8 OLD.yaml > NEW.yaml",
        "zh": "请将文件另存为 UTF-8 编码（记事本：另存为 → 编码选 UTF-8），"
        "或转换：iconv -f {codec} -t UTF-8 旧.yaml > 新.yaml",
    },
    "encoding": {
        "en": "re-save the file as UTF-8 (WPS/Notepad: Save As → Encoding: UTF-8), "
        "or convert it: iconv -f GB18030 -t UTF-8 OLD.yaml > NEW.yaml",
        "zh": "请将文件另存为 UTF-8 编码（WPS/记事本：另存为 → 编码选 UTF-8），"
        "或转换：iconv -f GB18030 -t UTF-8 旧.yaml > 新.yaml",
    },
    "duplicate-key": {"en": "keep one of the two; YAML would silently drop the first", "zh": "只保留其中一个"},
    "yaml-tab": {"en": "indent with spaces, not tabs", "zh": "请用空格缩进，不要用制表符（Tab）"},
    "yaml-fixed": {"en": "write it so: {fixed}", "zh": "应改为：{fixed}"},
    "done-on-missing": {"en": "add done_on: YYYY-MM-DD", "zh": "请补充 done_on: YYYY-MM-DD"},
    "fullwidth-separator": {"en": "write it so: {fixed}", "zh": "应改为：{fixed}"},
    "status-meant": {"en": "did you mean status: {suggestion}?", "zh": "是否指 status: {suggestion}？"},
    "list-expected": {
        "en": "write a list: {key}: [{value}], or one entry a line under {key}: as `  - {value}`",
        "zh": "请写成列表：{key}: [{value}]，或在 {key}: 下每行一项“  - {value}”",
    },
    "date-meant": {
        "en": "write the day itself: {key}: {meant}",
        "zh": "请写出具体日期：{key}: {meant}",
    },
    "date-needs-year": {
        "en": "write the year too, e.g. {key}: 2021-{month:02d}-{day:02d}",
        "zh": "请写明年份，例如 {key}: 2021-{month:02d}-{day:02d}",
    },
    "date-is-ongoing": {
        "en": '"{status}" is a status: write status: {status} and leave {key} out; an ongoing item needs none',
        "zh": "“{status}”是状态，应写作 status: {status}，并删去 {key}；长期坚持的事项无需完成时限",
    },
    "date-is-status": {
        "en": '"{status}" is a status: write status: {status}; {key} still needs a date',
        "zh": "“{status}”是状态，应写作 status: {status}；{key} 仍需填写日期",
    },
    "done-on-unexpected": {
        "en": "set status: done, or remove done_on",
        "zh": "请将 status 改为 done（已完成），或删除 done_on",
    },
    "closed-not-done": {
        "en": "set status: done and done_on first, or remove closed_on",
        "zh": "请先将状态改为已完成并填写 done_on，或删除 closed_on",
    },
    "extension-not-later": {
        "en": "an extension gives more time: its date must be after the current deadline",
        "zh": "延期须晚于当前完成时限",
    },
    "unknown-division": {
        "en": "add it to the top-level divisions list, or correct the name",
        "zh": "请将其加入顶层 divisions 处室名录，或改正名称",
    },
    "similar-division": {
        "en": "if they are one division, write it one way; a top-level divisions list makes this an error",
        "zh": "如为同一处室，请统一写法；在顶层填写 divisions 处室名录可将此类问题作为错误检查",
    },
}

# A syntax error caused by what a Chinese input method typed: the character named, in place of libyaml's words.
YAML_SLIPS: dict[str, dict[str, str]] = {
    "fullwidth-colon": {
        "en": 'full-width colon "：" after a key; YAML needs the ASCII colon ":" followed by a space',
        "zh": "键后面是全角冒号“：”；YAML 要求半角冒号“:”，后面加一个空格",
    },
    "ideographic-indent": {
        "en": "full-width space (U+3000) in the indentation; indent with ASCII spaces",
        "zh": "缩进中有全角空格（U+3000）；缩进只能用半角空格",
    },
    "ideographic-space": {
        "en": 'full-width space (U+3000) after the colon; YAML needs an ASCII space after ":"',
        "zh": "冒号后面是全角空格（U+3000）；冒号后面须为半角空格",
    },
    "tab": {
        "en": "tab character (Tab) in the indentation; YAML indents with spaces only",
        "zh": "缩进中有制表符（Tab）；YAML 只能用空格缩进",
    },
}

# libyaml's own words for what it found, in Chinese; a phrase not listed here is shown as libyaml wrote it.
YAML_DETAIL_ZH: dict[str, str] = {
    "while scanning a simple key": "读取键时",
    "could not find expected ':'": "找不到应有的冒号“:”（冒号须为半角，且后面要有空格）",
    "while scanning a quoted scalar": "读取带引号的文本时",
    "found unexpected end of stream": "文件意外结束（引号未闭合？）",
    "found unknown escape character": "遇到未知的转义字符",
    "while scanning a plain scalar": "读取文本时",
    "found a tab character that violates indentation": "遇到制表符（Tab），缩进只能用空格",
    "found a tab character where an indentation space is expected": "遇到制表符（Tab），缩进只能用空格",
    "found character that cannot start any token": "遇到不能出现在此处的字符",
    "mapping values are not allowed in this context": "此处不能出现“键: 值”（缩进或冒号有误？）",
    "mapping values are not allowed here": "此处不能出现“键: 值”（缩进或冒号有误？）",
    "block sequence entries are not allowed in this context": "此处不能出现列表项“- ”（缩进有误？）",
    "while parsing a block mapping": "读取映射时",
    "did not find expected key": "找不到应有的键（缩进有误？）",
    "while parsing a block collection": "读取列表时",
    "did not find expected '-' indicator": "找不到应有的列表项“- ”（缩进有误？）",
    "while parsing a flow sequence": "读取方括号列表时",
    "did not find expected ',' or ']'": "找不到应有的“,”或“]”（方括号未闭合？）",
    "while parsing a flow mapping": "读取花括号映射时",
    "did not find expected ',' or '}'": "找不到应有的“,”或“}”（花括号未闭合？）",
    "while parsing a node": "读取值时",
    "did not find expected node content": "找不到应有的内容",
    "expected a single document in the stream": "一个文件只能有一个 YAML 文档",
    "but found another document": "却发现了第二个（“---”）",
    "control characters are not allowed": "不允许控制字符（常见于从 Word 粘贴的文本）",
    "found undefined alias": "遇到未定义的别名",
    "found undefined tag handle": "遇到未定义的标签",
    "found duplicate anchor; first occurrence": "锚点重复",
    "while scanning an anchor": "读取锚点时",
    "while scanning an alias": "读取别名时",
    "while scanning a tag": "读取标签时",
    "while scanning a block scalar": "读取多行文本时",
}

# Words used inside messages.
WORDS: dict[str, dict[str, str]] = {
    "text": {"en": "text", "zh": "文本"},
    "integer": {"en": "a whole number", "zh": "整数"},
    "number": {"en": "a number", "zh": "数字"},
    "boolean": {"en": "true/false", "zh": "布尔值"},
    "list": {"en": "a list", "zh": "列表"},
    "mapping": {"en": "a mapping", "zh": "映射"},
    "empty": {"en": "nothing", "zh": "空值"},
    "key": {"en": "a list or mapping as a key", "zh": "列表或映射作为键"},
    "weekday0": {"en": "Monday", "zh": "星期一"},
    "weekday1": {"en": "Tuesday", "zh": "星期二"},
    "weekday2": {"en": "Wednesday", "zh": "星期三"},
    "weekday3": {"en": "Thursday", "zh": "星期四"},
    "weekday4": {"en": "Friday", "zh": "星期五"},
    "weekday5": {"en": "Saturday", "zh": "星期六"},
    "weekday6": {"en": "Sunday", "zh": "星期日"},
    "lang.zh": {"en": "Chinese", "zh": "中文"},
    "lang.en": {"en": "English", "zh": "英文"},
}

# Everything else the commands print.
TEXT: dict[str, dict[str, str]] = {
    "col.id": {"en": "No.", "zh": "序号"},
    "col.topic": {"en": "Topic", "zh": "主题"},
    "col.issue": {"en": "Issue", "zh": "整改内容"},
    "col.measures": {"en": "Measures", "zh": "整改措施"},
    "col.evidence": {"en": "Evidence", "zh": "整改检验形式"},
    "col.deadline": {"en": "Deadline", "zh": "计划完成时间"},
    "col.divisions": {"en": "Division", "zh": "责任处室"},
    "col.people": {"en": "People", "zh": "责任人"},
    "col.leader": {"en": "Leader", "zh": "分管领导"},
    "col.owner": {"en": "Owner", "zh": "责任人"},
    "col.status": {"en": "Status", "zh": "状态"},
    "col.notes": {"en": "Notes", "zh": "备注"},
    "col.plan": {"en": "Plan", "zh": "方案"},
    "col.progress": {"en": "Progress", "zh": "进展情况"},
    "col.latest": {"en": "Latest progress {date}: {text}", "zh": "最新进展 {date}：{text}"},
    "col.extensions": {"en": "Extensions", "zh": "延期"},
    "col.materials": {"en": "Materials", "zh": "佐证材料"},
    "col.closed_on": {"en": "Closed", "zh": "销号日期"},
    "status.pending": {"en": "pending", "zh": "未开始"},
    "status.in_progress": {"en": "in progress", "zh": "进行中"},
    "status.done": {"en": "done", "zh": "已完成"},
    "status.ongoing": {"en": "ongoing", "zh": "长期坚持"},
    "due.left": {"en": "{days} days left", "zh": "还剩 {days} 天"},
    "due.left_one": {"en": "1 day left", "zh": "还剩 1 天"},
    "due.today": {"en": "due today", "zh": "今天到期"},
    "due.late": {"en": "{days} days late", "zh": "逾期 {days} 天"},
    "due.late_one": {"en": "1 day late", "zh": "逾期 1 天"},
    "due.closed": {"en": "done on {date}", "zh": "已于 {date} 完成"},
    "due.done_late": {"en": "done late", "zh": "逾期完成"},
    "due.published": {"en": "published {date}", "zh": "原定 {date}"},
    "due.none": {"en": "no deadline", "zh": "无完成时限"},
    "level.red": {"en": "red alert", "zh": "红色预警"},
    "level.orange": {"en": "orange alert", "zh": "橙色预警"},
    "level.yellow": {"en": "yellow alert", "zh": "黄色预警"},
    "show.extension": {"en": "to {to}: {reason}", "zh": "延期至 {to}：{reason}"},
    "show.approved_on": {"en": " (approved {date})", "zh": "（{date} 批准）"},
    "show.by": {"en": " ({name})", "zh": "（{name}）"},
    "summary.list": {"en": "{shown} of {total} items", "zh": "共 {total} 项，显示 {shown} 项"},
    "summary.overdue": {
        "en": "{count} of {total} items overdue as of {date}",
        "zh": "截至 {date}，{total} 项中有 {count} 项逾期",
    },
    "summary.due": {
        "en": "{count} of {total} items to chase as of {date}: {late} overdue, {soon} due soon",
        "zh": "截至 {date}，{total} 项中有 {count} 项需督办：逾期 {late} 项，即将到期 {soon} 项",
    },
    "summary.total_row": {"en": "Total", "zh": "合计"},
    "summary.by_division": {"en": "Division", "zh": "责任处室"},
    "summary.by_person": {"en": "Person", "zh": "责任人"},
    "summary.by_topic": {"en": "Topic", "zh": "主题"},
    "summary.by_month": {"en": "Month due", "zh": "完成时限月份"},
    "summary.no_division": {"en": "(none)", "zh": "（无）"},
    "summary.no_person": {"en": "(no person)", "zh": "（未填责任人）"},
    "summary.no_topic": {"en": "(none)", "zh": "（无）"},
    "summary.no_month": {"en": "(no deadline)", "zh": "（无完成时限）"},
    "summary.col.total": {"en": "Items", "zh": "事项数"},
    "summary.col.done": {"en": "Done", "zh": "已完成"},
    "summary.col.done_late": {"en": "Done\nlate", "zh": "逾期\n完成"},
    "summary.col.in_progress": {"en": "In\nprogress", "zh": "进行中"},
    "summary.col.pending": {"en": "Pending", "zh": "未开始"},
    "summary.col.ongoing": {"en": "Ongoing", "zh": "长期\n坚持"},
    "summary.col.overdue": {"en": "Overdue", "zh": "逾期"},
    "summary.col.due_soon": {"en": "Due\nsoon", "zh": "即将\n到期"},
    "summary.col.completion_rate": {"en": "Rate", "zh": "完成率"},
    "summary.note": {
        "en": "As of {date}. Rate: done / items due by then (done, or past the deadline in force).",
        "zh": "截至 {date}。完成率＝已完成数／应完成数（已完成的，及完成时限已到的）。",
    },
    "summary.note_shared": {
        "en": "As of {date}. Rate: done / items due by then (done, or past the deadline in force). "
        "An item of two groups counts in each; the total counts it once.",
        "zh": "截至 {date}。完成率＝已完成数／应完成数（已完成的，及完成时限已到的）。"
        "涉及多个分组的事项在各组分别计数，合计中只计一次。",
    },
    "remind.greeting": {"en": "Dear {person},", "zh": "{person}同志："},
    "remind.greeting_division": {"en": "To {person}:", "zh": "{person}："},
    "remind.intro": {
        "en": "as of {date}, {count} rectification item(s) in your charge need attention:",
        "zh": "截至 {date}，您负责的以下 {count} 项整改事项需要抓紧推进：",
    },
    "remind.overdue": {"en": "Overdue ({count}):", "zh": "已逾期（{count} 项）："},
    "remind.due_soon": {"en": "Due soon ({count}):", "zh": "即将到期（{count} 项）："},
    "remind.item": {
        "en": "[No. {id}] {issue} (deadline {deadline}, {days})",
        "zh": "【序号 {id}】{issue}（完成时限 {deadline}，{days}）",
    },
    "remind.closing": {
        "en": "Please push these forward and report progress, with supporting materials, to the supervision office.",
        "zh": "请抓紧推进，并及时向督办部门报送整改进展情况及佐证材料。",
    },
    "remind.nothing": {
        "en": "Nothing to chase as of {date}: no item is overdue or due soon.",
        "zh": "截至 {date}，没有逾期或即将到期的事项。",
    },
    # The plan's title is quoted, as in official usage: "…整改方案整改进展情况报告" would say 整改 twice.
    "report.title": {"en": "Rectification progress report: {plan}", "zh": "关于《{plan}》落实情况的报告"},
    "report.title_untitled": {"en": "Rectification progress report", "zh": "整改进展情况报告"},
    "report.as_of": {"en": "As of {date}.", "zh": "截至 {date}。"},
    "report.period": {"en": " This report covers {since} to {date}.", "zh": "本期统计时段：{since} 至 {date}。"},
    "report.h.overall": {"en": "Overall", "zh": "总体情况"},
    "report.h.divisions": {"en": "By division", "zh": "各处室整改情况"},
    "report.h.completed": {"en": "Items completed", "zh": "已完成事项"},
    "report.h.completed_since": {"en": "Items completed since {since}", "zh": "本期完成事项（{since} 以来）"},
    "report.h.overdue": {"en": "Overdue items", "zh": "逾期未完成事项"},
    "report.h.extensions": {"en": "Extensions granted", "zh": "延期情况"},
    "report.overall": {
        "en": "Items: {total}. Done: {done} (late: {done_late}); in progress: {in_progress}; not started: {pending}; "
        "ongoing: {ongoing}. Overdue: {overdue}; due soon: {due_soon}.",
        "zh": "共有整改事项 {total} 项：已完成 {done} 项（其中逾期完成 {done_late} 项），正在推进 {in_progress} 项，"
        "尚未开始 {pending} 项，长期坚持 {ongoing} 项；逾期未完成 {overdue} 项，即将到期 {due_soon} 项。",
    },
    "report.rate": {
        "en": " Completion rate: {rate} ({done} done of {due} due by now).",
        "zh": "整改完成率 {rate}（应完成 {due} 项，已完成 {done} 项）。",
    },
    "report.rate_none": {
        "en": " No item is due yet, so there is no completion rate.",
        "zh": "尚无到期事项，暂不计算整改完成率。",
    },
    "report.division_note": {
        "en": "An item of several divisions is counted in each; the total counts it once. Completion rate: done / "
        "items due by the as-of date (done, or past the deadline in force); ongoing items are not counted in it.",
        "zh": "涉及多个处室的事项在各处室分别计数，合计中只计一次。整改完成率＝已完成数／应完成数"
        "（已完成的，及截至统计日完成时限已到的事项；长期坚持事项不计入）。",
    },
    "report.none_completed": {"en": "No item was completed.", "zh": "无已完成事项。"},
    "report.none_overdue": {"en": "No item is overdue.", "zh": "无逾期未完成事项。"},
    "report.none_extended": {"en": "No extension was granted.", "zh": "无延期事项。"},
    "report.completed_item": {
        "en": "No. {id} ({divisions}): {issue} Done on {date}{note}.",
        "zh": "序号 {id}（{divisions}）：{issue}已于 {date} 完成{note}。",
    },
    "report.done_late": {"en": ", late", "zh": "（逾期完成）"},
    "report.col.late": {"en": "Late by", "zh": "逾期天数"},
    "report.col.latest": {"en": "Latest progress", "zh": "最新进展"},
    "report.no_progress": {"en": "(none reported)", "zh": "（未报送进展）"},
    "report.extension_item": {
        "en": "No. {id}: {issue} Deadline moved from {previous} to {to}{approved}; reason: {reason}",
        "zh": "序号 {id}：{issue}完成时限由 {previous} 延期至 {to}{approved}，原因：{reason}",
    },
    # The office files of `export` (xlsx, docx) and `report --format docx`.
    "office.sheet.ledger": {"en": "Ledger", "zh": "台账"},
    "office.sheet.summary": {"en": "By division", "zh": "按处室汇总"},
    "office.sheet.plan": {"en": "Plan", "zh": "方案信息"},
    "office.summary_title": {"en": "{title}: by division, as of {date}", "zh": "{title} — 按处室汇总（截至 {date}）"},
    "office.annex": {"en": "Annex", "zh": "附件"},
    "office.progress_heading": {"en": "Completion", "zh": "完成情况"},
    "office.days_format": {"en": '0" days left";0" days late";"due today"', "zh": '"剩余"0"天";"逾期"0"天";"今日到期"'},
    "summary.valid": {"en": "{files} plan file(s) checked: no problems", "zh": "已检查 {files} 个方案文件：未发现问题"},
    "summary.invalid": {
        "en": "{problems} problem(s) in {bad} of {files} plan file(s)",
        "zh": "{files} 个方案文件中有 {bad} 个存在问题，共 {problems} 处",
    },
    "summary.warnings_only": {
        "en": "{problems} warning(s) in {bad} of {files} plan file(s), no errors",
        "zh": "{files} 个方案文件中有 {bad} 个存在警告，共 {problems} 处警告，无错误",
    },
    "summary.not_shown": {
        "en": "{path}: {count} more problem(s) not shown (--format parsable or json lists them all)",
        "zh": "{path}：另有 {count} 处问题未显示（--format parsable 或 json 可全部列出）",
    },
    "show.as_of": {"en": "as of {date}", "zh": "截至 {date}"},
    "show.measure_divisions": {"en": "by {divisions}", "zh": "由{divisions}负责"},
    "show.none": {"en": "(none)", "zh": "（无）"},
    "error.no_plans": {"en": "no plan files found in {path}", "zh": "{path} 中没有方案文件（*.yaml）"},
    "error.nothing_to_validate": {
        "en": "no plan files to check: no PATH, --plan or RECTIPLAN_PLAN, and no plans/ folder here; "
        "name the plan files (rectiplan validate plans/a.yaml), set RECTIPLAN_PLAN, or create plans/",
        "zh": "没有可校验的方案文件：未给出路径、--plan 或 RECTIPLAN_PLAN，当前目录也没有 plans/；"
        "请写出方案文件（rectiplan validate plans/a.yaml）、设置 RECTIPLAN_PLAN，或创建 plans/ 目录",
    },
    "error.empty_path": {
        "en": "an empty plan path was given; name a plan file or folder (use . for the current folder)",
        "zh": "给出的方案路径为空；请写出方案文件或文件夹（当前文件夹请写 .）",
    },
    "notice.bundled": {
        "en": "rectiplan: no --plan, $RECTIPLAN_PLAN or plans/*.yaml here: reading the bundled example plan {path}",
        "zh": "rectiplan: 未指定 --plan 或 RECTIPLAN_PLAN，当前目录也没有 plans/*.yaml：读取的是自带的示例方案 {path}",
    },
    "notice.skipped": {"en": "rectiplan: skipped {path}: {why}", "zh": "rectiplan: 已跳过 {path}：{why}"},
    "completion.installed": {
        "en": "{shell} completion installed in {path}; it takes effect in a new terminal",
        "zh": "已安装 {shell} 命令补全：{path}；打开新终端后生效",
    },
    "completion.unknown_shell": {
        "en": "rectiplan: no completion for the shell {shell!r}; the shells are {shells}",
        "zh": "rectiplan: 不支持为“{shell}”补全；可用的 shell：{shells}",
    },
    "skipped.folder": {"en": "a folder, not a plan file", "zh": "这是文件夹，不是方案文件"},
    "skipped.special": {
        "en": "not a regular file (a FIFO, socket or device)",
        "zh": "不是普通文件（管道、套接字或设备）",
    },
    "skipped.dangling": {"en": "a symbolic link to nothing", "zh": "指向不存在目标的符号链接"},
    "skipped.loop": {"en": "a symbolic link that loops", "zh": "循环的符号链接"},
    "error.folder_unreadable": {"en": "cannot read the folder {path}: {reason}", "zh": "无法读取目录 {path}：{reason}"},
    "error.no_item": {
        "en": "no item with id {id}; the plans have ids {ids}",
        "zh": "没有序号为 {id} 的事项；方案中的序号为 {ids}",
    },
    "error.unknown_division": {
        "en": "unknown division {name!r}{closest_en}; the plans name: {known}",
        "zh": "未知的责任处室“{name}”{closest_zh}；方案中的责任处室有：{known}",
    },
    "error.unknown_person": {
        "en": "unknown person {name!r}{closest_en}; the plans name: {known}",
        "zh": "未知的责任人“{name}”{closest_zh}；方案中的责任人有：{known}",
    },
    "error.unknown_status": {
        "en": "unknown status {name!r}{closest_en}; use pending, in_progress, done or ongoing "
        "(or 未开始, 进行中, 已完成, 长期坚持)",
        "zh": "未知的状态“{name}”{closest_zh}；可用 未开始、进行中、已完成、长期坚持（或 pending、in_progress、done、ongoing）",
    },
    "error.bad_date": {
        "en": "{value!r} is not a date I can read unambiguously; use 2021-09-01, 2021年9月1日 or today",
        "zh": "无法确定“{value}”是哪一天；请写成 2021-09-01、2021年9月1日 或 today",
    },
    "error.impossible_date": {
        "en": "{value!r} is not a real date (no such day)",
        "zh": "“{value}”不是真实存在的日期",
    },
    "error.zoned_date": {
        "en": "{value!r} has a time zone; give the day alone, as the plan's calendar has it: 2021-09-01",
        "zh": "“{value}”带有时区；请只写日期（按方案所在时区的日历），例如 2021-09-01",
    },
    "error.timed_date": {
        "en": "{value!r} has a time of day; a DATE is a day (a deadline is a day): give the day alone, 2021-09-01",
        "zh": "“{value}”带有时刻；日期只写到日（完成时限是某一天），例如 2021-09-01",
    },
    "error.wrong_weekday": {
        "en": "{value!r}: {date} is a {weekday}; check the day or the weekday",
        "zh": "“{value}”：{date} 是{weekday}；请核对日期或星期",
    },
    "error.bad_lang": {
        "en": "unknown language {value!r}; use zh or en (zh_CN, en_US and the like also work)",
        "zh": "未知的语言“{value}”；可用 zh 或 en（也可写 zh_CN、en_US 等）",
    },
    "warning.bad_lang_env": {
        "en": "rectiplan: warning: RECTIPLAN_LANG={value!r} is not zh or en; using {language} from the locale",
        "zh": "rectiplan: 警告：RECTIPLAN_LANG=“{value}”不是 zh 或 en；按系统语言环境使用{language}",
    },
    "error.output": {"en": "cannot write the output: {reason}", "zh": "无法写出结果：{reason}"},
    "error.output_encoding": {
        "en": "the output encoding {encoding} cannot show this text; set a UTF-8 locale (LANG=zh_CN.UTF-8) or "
        "PYTHONIOENCODING=utf-8, or use --format json",
        "zh": "输出编码 {encoding} 无法显示这些文字；请使用 UTF-8 区域设置（LANG=zh_CN.UTF-8）或设置 "
        "PYTHONIOENCODING=utf-8，或使用 --format json",
    },
    # The same for a command without --format json (report, remind, the edits): their text is for people only.
    "error.output_encoding_text": {
        "en": "the output encoding {encoding} cannot show this text; set a UTF-8 locale (LANG=zh_CN.UTF-8) or "
        "PYTHONIOENCODING=utf-8",
        "zh": "输出编码 {encoding} 无法显示这些文字；请使用 UTF-8 区域设置（LANG=zh_CN.UTF-8）或设置 PYTHONIOENCODING=utf-8",
    },
    "error.interrupted": {"en": "interrupted", "zh": "已中断"},
    "error.unexpected": {
        "en": "unexpected error ({error}); please report it with the command that caused it",
        "zh": "意外错误（{error}）；请连同出错的命令一起报告",
    },
    "error.problems_found": {
        "en": "{path}: the plan has problems; run `rectiplan validate` for details",
        "zh": "{path}：方案文件有问题；运行 rectiplan validate 查看详情",
    },
    "error.left_out": {
        "en": "{path}: the plan has problems and is left out; the answer is from the other plans only",
        "zh": "{path}：方案文件有问题，未计入；以下结果仅来自其他方案文件",
    },
    "usage.usage": {"en": "Usage: {usage}", "zh": "用法：{usage}"},
    "usage.try": {"en": "Try '{command} --help' for help.", "zh": "运行“{command} --help”查看帮助。"},
    "usage.error": {"en": "Error: {detail}", "zh": "错误：{detail}"},
    "usage.bad_value": {"en": "invalid value for {param}: {message}", "zh": "{param} 的值无效：{message}"},
    "usage.no_such_option": {"en": "no such option: {option}", "zh": "没有这个选项：{option}"},
    "usage.dash_text": {
        "en": "To give text that starts with -, put -- before it: {example}",
        "zh": "要给出以 - 开头的文字，请在它前面加 --：{example}",
    },
    "usage.missing": {"en": "missing {param}", "zh": "缺少 {param}"},
    "usage.no_such_command": {"en": "no such command: {command}", "zh": "没有这个命令：{command}"},
    "usage.missing_command": {"en": "missing command", "zh": "缺少命令"},
    "usage.requires_value": {"en": "option {option} needs a value", "zh": "选项 {option} 后面需要跟一个值"},
    "usage.takes_no_value": {"en": "option {option} takes no value", "zh": "选项 {option} 不接受值"},
    "usage.extra_arguments": {"en": "unexpected extra argument(s): {arguments}", "zh": "多余的参数：{arguments}"},
    "usage.not_an_integer": {"en": "must be a whole number", "zh": "必须是整数"},
    "usage.not_a_choice": {"en": "{value!r} is not one of {choices}", "zh": "“{value}”不是可选值：{choices}"},
    "error.bad_id": {
        "en": "{value!r} is not an item number; give the 序号, a whole number such as 3",
        "zh": "“{value}”不是事项序号；请给出整数序号，例如 3",
    },
    "edit.started": {
        "en": "{path}: item {id} started (status in_progress)",
        "zh": "{path}：事项 {id} 已开始（状态：进行中）",
    },
    "edit.started_reopened": {
        "en": "{path}: item {id} reopened and started (status in_progress; done_on {done_on} removed)",
        "zh": "{path}：事项 {id} 重新开始（状态：进行中；已删除完成日期 {done_on}）",
    },
    "edit.status": {"en": "{path}: item {id} status set to {status}", "zh": "{path}：事项 {id} 的状态改为 {status}"},
    "edit.status_reopened": {
        "en": "{path}: item {id} status set to {status} (done_on {done_on} removed)",
        "zh": "{path}：事项 {id} 的状态改为 {status}（已删除完成日期 {done_on}）",
    },
    "edit.done": {"en": "{path}: item {id} done on {date}", "zh": "{path}：事项 {id} 已于 {date} 完成"},
    "edit.already_done": {
        "en": "{path}: item {id} is already done, on {date}; nothing to change (give --on DATE to correct the date)",
        "zh": "{path}：事项 {id} 已于 {date} 完成，无需修改（如完成日期有误，请用 --on 日期 更正）",
    },
    "edit.done_on_changed": {
        "en": "{path}: item {id}: completion date changed from {previous} to {date}",
        "zh": "{path}：事项 {id} 的完成日期由 {previous} 更正为 {date}",
    },
    "edit.noted": {
        "en": "{path}: progress note of {date} added to item {id}",
        "zh": "{path}：事项 {id} 新增 {date} 的进展情况",
    },
    "edit.extended": {
        "en": "{path}: item {id} extended to {date} (deadline in force was {previous})",
        "zh": "{path}：事项 {id} 延期至 {date}（原完成时限 {previous}）",
    },
    "edit.extended_today": {
        "en": "{path}: item {id} extended to {date} (deadline in force was {previous}), approved_on {approved_on} "
        "(today; give --approved-on DATE for another day)",
        "zh": "{path}：事项 {id} 延期至 {date}（原完成时限 {previous}），批准日期记为今天 {approved_on}"
        "（如非今天批准，请用 --approved-on 日期 指定）",
    },
    "edit.attached": {
        "en": "{path}: {count} material(s) attached to item {id}",
        "zh": "{path}：事项 {id} 新增佐证材料 {count} 项",
    },
    "edit.already_attached": {
        "en": "{path}: item {id}: material(s) {materials} already listed; not added again",
        "zh": "{path}：事项 {id} 的佐证材料{materials}已在列表中，未重复添加",
    },
    "edit.closed": {"en": "{path}: item {id} closed (销号) on {date}", "zh": "{path}：事项 {id} 已于 {date} 销号"},
    "edit.unchanged": {
        "en": "{path}: item {id} is already so; nothing to change",
        "zh": "{path}：事项 {id} 已是如此，无需修改",
    },
    "edit.dry_run": {"en": "{summary} (dry run: nothing written)", "zh": "{summary}（试运行，未写入）"},
    "edit.nothing_written": {"en": "nothing was written", "zh": "未写入任何内容"},
    "edit.invalid_plan": {
        "en": "{path}: the plan has problems and is not edited; fix them first (rectiplan validate)",
        "zh": "{path}：方案文件有问题，不予修改；请先修正（rectiplan validate）",
    },
    "edit.invalid_result": {
        "en": "item {id}: the edit would make the plan invalid; nothing was written. The edited file would have:",
        "zh": "事项 {id}：此修改会使方案无效，未写入。修改后的文件将出现以下问题：",
    },
    # The library's refusals (EditRefused.message) name the first problem and how many there are.
    "edit.invalid_plan_first": {
        "en": "{path}: the plan has {problems} and is not edited; the first{at}: {problem} [{code}]; "
        "fix them first (rectiplan validate)",
        "zh": "{path}：方案文件有 {problems}，不予修改；第一个{at}：{problem} [{code}]；请先修正（rectiplan validate）",
    },
    "edit.invalid_result_first": {
        "en": "item {id}: the edit would make the plan invalid; nothing was written. The edited file would have "
        "{problems}, the first{at}: {problem} [{code}]",
        "zh": "事项 {id}：此修改会使方案无效，未写入。修改后的文件将有 {problems}，第一个{at}：{problem} [{code}]",
    },
    "edit.unreadable_plan": {
        "en": "{path}: the file cannot be read; nothing was edited",
        "zh": "{path}：无法读取该文件，未作修改",
    },
    "edit.unreadable_plan_first": {
        "en": "{path}: {problem} [{code}]; nothing was edited",
        "zh": "{path}：{problem} [{code}]，未作修改",
    },
    "edit.guard": {
        "en": "item {id}: the edited file would not read back as intended; nothing was written (a bug: please report it)",
        "zh": "事项 {id}：修改后的文件读回结果与预期不符，未写入（这是程序缺陷，请报告）",
    },
    "edit.no_item": {"en": "{path}: no item with id {id}", "zh": "{path}：没有序号为 {id} 的事项"},
    # What `rectiplan import` interpreted in a cell of a published table (cells.Interpretation.what).
    "import.numbering_removed": {
        "en": "split into {count} entries at their numbering ({form} …), the numbers removed",
        "zh": "按编号（{form}……）拆分为 {count} 条，编号已去除",
    },
    "import.numbering_removed_one": {
        "en": "one entry, numbered ({form} …): the number removed",
        "zh": "只有一条，带编号（{form}……）：编号已去除",
    },
    "import.numbering_preamble": {
        "en": 'the text before the numbering, "{text}", is kept as an entry of its own',
        "zh": "编号前的文字“{text}”单独保留为一条",
    },
    "import.divisions_grouped": {
        "en": "{groups} numbered groups of units given to the measures they number",
        "zh": "{groups} 组编号的责任处室已分别对应到同号的整改措施",
    },
    "import.divisions_groups_unmatched": {
        "en": "{groups} numbered groups of units for {measures} measures: which group covers which measure is not "
        "written, so every unit is the item's and no measure has its own",
        "zh": "责任处室分 {groups} 组，整改措施却有 {measures} 条，无法确定各组对应哪些措施：全部处室列为事项的责任处室，"
        "措施不单列处室",
    },
    "import.divisions_maybe_two": {
        "en": 'kept as one unit: "{units}"; if it names two units, separate them with 、 in the plan',
        "zh": "按一个单位读取：“{units}”；如为两个单位，请在方案中用“、”分隔",
    },
    "import.divisions_roles": {
        "en": "lead and assisting units told apart in the cell: all are the item's, lead first ({units})",
        "zh": "单元格中区分了牵头和配合单位：均列为事项的责任处室，牵头单位在前（{units}）",
    },
    "import.people_one_name": {
        "en": "one name, {name}, taken as the leader (the part before /)",
        "zh": "只有一个姓名“{name}”，按责任领导（/ 前的部分）读取",
    },
    "import.people_two": {
        "en": "two names without a slash read as leader {leader} and owner {owner}",
        "zh": "两个姓名之间没有斜杠：按责任领导“{leader}”和责任人“{owner}”读取",
    },
    "import.people_peers": {
        "en": "several names without a slash, {name}, kept together as the leader",
        "zh": "多个姓名“{name}”之间没有斜杠：一并作为责任领导",
    },
    "import.people_slashes": {
        "en": "several slashes: split at the first, leader {leader}, owner {owner}",
        "zh": "有多个斜杠：按第一个拆分，责任领导“{leader}”，责任人“{owner}”",
    },
    "import.people_quoted": {
        "en": "{name} was in quotes to keep its slash in the name: one name, read without them",
        "zh": "“{name}”加了引号以免其中的斜杠被当作分隔：读作一个姓名，去掉引号",
    },
    "import.deadline_year": {
        "en": '"{text}" has no year: read in {year}',
        "zh": "“{text}”未写年份：按 {year} 年读取",
    },
    "import.deadline_no_year": {
        "en": '"{text}" has no year and none is known: give it with --year',
        "zh": "“{text}”未写年份，也无法确定年份：请用 --year 指定",
    },
    "import.deadline_period": {
        "en": '"{text}" read as the last day of the period, {date}',
        "zh": "“{text}”按该时段的最后一天 {date} 读取",
    },
    "import.deadline_latest": {
        "en": "{count} dates in the cell: the latest, {date}, is the deadline",
        "zh": "单元格中有 {count} 个日期：取最晚的 {date} 为完成时限",
    },
    "import.deadline_immediate": {
        "en": '"{text}" read as status in progress; the deadline must still be given unless the cell has a date',
        "zh": "“{text}”按状态“进行中”读取；单元格中没有日期时仍需补填完成时限",
    },
    "import.comment_immediate": {
        "en": "{place}, column {column}: “{text}” is read as status in progress; fill in the deadline",
        "zh": "{place}“{column}”列：“{text}”按状态“进行中”读取，请补填完成时限（deadline）",
    },
    "import.deadline_done": {
        "en": '"{text}" read as status done; the cell gives neither the deadline nor the day it was done: '
        "fill in deadline and done_on",
        "zh": "“{text}”按状态“已完成”读取；单元格中没有完成时限和完成日期：请补填 deadline 和 done_on",
    },
    "import.deadline_done_dated": {
        "en": '"{text}" read as status done with deadline {date}; the day it was done is not in the cell: '
        "fill in done_on",
        "zh": "“{text}”按状态“已完成”读取，完成时限为 {date}；单元格中没有完成日期：请补填 done_on",
    },
    "import.deadline_ongoing_dated": {
        "en": '"{text}" has a date and says ongoing: status ongoing (never overdue), deadline {date} kept',
        "zh": "“{text}”既有日期又写明长期坚持：状态为长期坚持（不计逾期），保留完成时限 {date}",
    },
    "import.deadline_time": {
        "en": "{text} has a time of day: the deadline is the day, {date}",
        "zh": "“{text}”带有时刻：完成时限取其日期 {date}",
    },
    "import.deadline_serial": {
        "en": "the number {value} read as an Excel date, {date}",
        "zh": "数字 {value} 按 Excel 日期读取为 {date}",
    },
    "import.year_from_deadlines": {
        "en": "deadlines without a year are read in {year}, the year of the table's other deadlines "
        "(give --year to change it)",
        "zh": "未写年份的完成时限按 {year} 年读取（表中其他完成时限所在的年份；可用 --year 更改）",
    },
    "import.year_from_title": {
        "en": "deadlines without a year are read in {year}, the year the title names (give --year to change it)",
        "zh": "未写年份的完成时限按标题中的 {year} 年读取（可用 --year 更改）",
    },
    "edit.bundled": {
        "en": "{path} is the plan bundled with rectiplan and is not edited; copy it (cp {path} week.yaml) and edit "
        "the copy: --plan week.yaml",
        "zh": "{path} 是 rectiplan 自带的方案，不予修改；请复制一份（cp {path} week.yaml）再修改副本：--plan week.yaml",
    },
    "edit.ambiguous": {
        "en": "item {id} is in several plans: {plans}; choose one with --plan",
        "zh": "序号为 {id} 的事项出现在多个方案中：{plans}；请用 --plan 指定其一",
    },
    "edit.future": {
        "en": "{field} {date} is after today ({today} in the plan's time zone); it cannot be in the future",
        "zh": "{field} {date} 晚于今天（方案时区的 {today}）；不能是将来的日期",
    },
    "edit.not_later": {
        "en": "item {id}: the new deadline {date} is not later than the deadline in force, {current}",
        "zh": "事项 {id}：新的完成时限 {date} 不晚于现行完成时限 {current}",
    },
    "edit.extend_done": {
        "en": "item {id} is done (done_on {done_on}); extensions (延期) are for open items",
        "zh": "事项 {id} 已完成（完成日期 {done_on}）；只有未完成的事项才能延期",
    },
    "edit.approved_before_last": {
        "en": "item {id}: an extension approved on {approved_on} comes before the last one, approved on {last}; "
        "extensions are recorded in the order they were granted",
        "zh": "事项 {id}：批准日期 {approved_on} 早于上一次延期的批准日期 {last}；延期应按批准的先后记录",
    },
    "edit.approved_after_to": {
        "en": "item {id}: an extension to {date} approved on {approved_on} would give no time; "
        "give the day it was approved with --approved-on DATE",
        "zh": "事项 {id}：批准日期 {approved_on} 晚于新的完成时限 {date}，延期没有意义；请用 --approved-on 日期 写明批准日期",
    },
    "edit.close_not_done": {
        "en": "item {id} is not done (status {status}); only a done item can be closed (销号): "
        "first run rectiplan done {id}",
        "zh": "事项 {id} 尚未完成（状态 {status}）；只有已完成的事项才能销号：请先运行 rectiplan done {id}",
    },
    "edit.close_no_materials": {
        "en": "item {id} has no materials (佐证材料); attach them first: rectiplan attach {id} MATERIAL...",
        "zh": "事项 {id} 没有佐证材料，不能销号；请先添加：rectiplan attach {id} 材料...",
    },
    "edit.close_before_done": {
        "en": "the closing date {date} is before the completion date {done_on}",
        "zh": "销号日期 {date} 早于完成日期 {done_on}",
    },
    "edit.already_closed": {
        "en": "item {id} was already closed (销号) on {closed_on}; the closing date is not moved "
        "(edit the file by hand if it was wrong)",
        "zh": "事项 {id} 已于 {closed_on} 销号；销号日期不予更改（如确有错误，请手工编辑文件）",
    },
    "edit.done_on_closed": {
        "en": "item {id} was closed (销号) on {closed_on}; its completion date {done_on} is not changed by a command "
        "(edit the file by hand if it was wrong)",
        "zh": "事项 {id} 已于 {closed_on} 销号；其完成日期 {done_on} 不能用命令更改（如确有错误，请手工编辑文件）",
    },
    "edit.reopen_closed": {
        "en": "item {id} was closed (销号) on {closed_on}; a command does not reopen a closed item "
        "(edit the file by hand if it must be)",
        "zh": "事项 {id} 已于 {closed_on} 销号；命令不会重新打开已销号的事项（如确有必要，请手工编辑文件）",
    },
    "edit.not_round_trip": {
        "en": "{path}: the file's bytes do not decode and encode back exactly; it is not edited",
        "zh": "{path}：文件内容无法按原样解码再编码，不予修改",
    },
    "edit.not_scalar": {
        "en": "item {id}: {key} (line {line}) is not a single value; edit it by hand",
        "zh": "事项 {id}：{key}（第 {line} 行）不是单个值；请手工编辑",
    },
    "edit.not_list": {
        "en": "item {id}: {key} (line {line}) is not a list that can be added to; edit it by hand",
        "zh": "事项 {id}：{key}（第 {line} 行）不是可追加的列表；请手工编辑",
    },
    "edit.key_exists": {"en": "item {id}: {key} is already there", "zh": "事项 {id}：{key} 已存在"},
    "edit.cannot_remove": {
        "en": "item {id}: {key} (line {line}) cannot be removed where it stands (a comment or a line break is in "
        "the way); remove it by hand",
        "zh": "事项 {id}：{key}（第 {line} 行）所在位置有注释或换行，无法自动删除；请手工删除",
    },
    "edit.no_final_newline": {
        "en": "item {id}: the file ends inside the kept block (|+) of line {line} without a line break, so a line "
        "added after it would change its text; add a line break at the end of the file and run again",
        "zh": "事项 {id}：文件在第 {line} 行的保留块（|+）中结束且末尾没有换行，在其后添加内容会改变该文本；"
        "请在文件末尾加一个换行后重试",
    },
    "edit.flow_unreadable": {
        "en": "item {id}: the {{...}} or [...] on line {line} is not written in a way that can be edited; "
        "edit it by hand",
        "zh": "事项 {id}：第 {line} 行的 {{...}} 或 [...] 写法无法自动修改；请手工编辑",
    },
    "edit.overlap": {
        "en": "item {id}: two changes overlap (a bug: please report it)",
        "zh": "事项 {id}：两处修改重叠（程序缺陷，请报告）",
    },
    "write.locked": {
        "en": "{path} is being edited by another command: {lock} exists; nothing was written. "
        "If no rectiplan command is running, one was killed: delete {lock} and run again",
        "zh": "{path} 正被另一个命令修改（存在 {lock}），未写入。如果没有正在运行的 rectiplan 命令，"
        "说明上次被中断：删除 {lock} 后重试",
    },
    "write.changed": {
        "en": "{path} changed on disk after it was read; nothing was written: run again",
        "zh": "{path} 在读取之后被修改过，未写入：请重新运行",
    },
    "write.moved": {
        "en": "{path} no longer leads to the file that was read (it was replaced, or a link now leads elsewhere); "
        "nothing was written: run again",
        "zh": "{path} 已不再指向读取时的文件（文件被替换，或链接改指别处），未写入：请重新运行",
    },
    "write.failed": {
        "en": "cannot write {path}: {reason}; nothing was written",
        "zh": "无法写入 {path}：{reason}；未写入",
    },
    # `export -o PATH` (and any command that writes a new file).
    "output.exists": {
        "en": "{path} exists; nothing was written: give --force to replace it, or another -o",
        "zh": "{path} 已存在，未写入：如需覆盖请加 --force，或换一个 -o 路径",
    },
    "output.folder": {
        "en": "{path} is a folder; give -o a file name (such as {example})",
        "zh": "{path} 是目录；-o 请给出文件名（例如 {example}）",
    },
    "output.empty": {
        "en": "an empty -o path was given; give -o a file name (such as {example})",
        "zh": "给出的 -o 路径为空；请给出文件名（例如 {example}）",
    },
    "output.no_folder": {
        "en": "the folder {folder} of {path} does not exist; nothing was read or written",
        "zh": "{path} 所在的目录 {folder} 不存在；未读取，也未写入",
    },
    "output.slash": {
        "en": "{path} ends in a slash, which names a folder; give -o a file name (such as {example})",
        "zh": "{path} 以斜杠结尾，指的是目录；-o 请给出文件名（例如 {example}）",
    },
    "output.is_plan": {
        "en": "{path} is (or leads to) a plan file this command reads; nothing was written (not even with --force): "
        "give -o another file",
        "zh": "{path} 是（或指向）本命令读取的方案文件，未写入（加 --force 也不会覆盖）：请换一个 -o 路径",
    },
    "export.binary_terminal": {
        "en": "{format} is a binary file and stdout is a terminal; write it with -o FILE.{format} (or redirect: > FILE)",
        "zh": "{format} 是二进制文件，不能输出到终端；请用 -o 文件名.{format} 写入文件（或重定向：> 文件名）",
    },
    "export.written": {"en": "Wrote {path}.", "zh": "已写入 {path}。"},
    "export.progress_docx_only": {
        "en": "--with-progress adds columns to the docx export only, not to {format}; leave it out, or give --format docx",
        "zh": "--with-progress 仅用于 docx 导出，不适用于 {format}；请去掉该选项，或使用 --format docx",
    },
    "export.ics_empty": {
        "en": "no item matches, and an iCalendar file must hold at least one to-do; nothing was written",
        "zh": "没有符合条件的事项，而 iCalendar 文件至少须包含一个待办事项；未写入",
    },
    "export.due_today": {"en": "due today", "zh": "今日到期"},
    "export.md_as_of": {"en": "As of {as_of}; items: {count}.", "zh": "截至 {as_of}，共 {count} 项。"},
    "export.no_format": {
        "en": "which format? give --format ({formats}), or -o with one of their suffixes",
        "zh": "请指定格式：--format（{formats}），或给出带相应后缀的 -o 文件名",
    },
    "export.unknown_suffix": {
        "en": "cannot tell the format from {path}; give --format ({formats})",
        "zh": "无法从 {path} 的后缀判断格式；请指定 --format（{formats}）",
    },
    "export.suffix_conflict": {
        "en": "--format {format} but {path} ends in .{suffix}: a {format} file named so would not open; "
        "change one of them (or leave out --format: the suffix decides)",
        "zh": "--format 为 {format}，但 {path} 的后缀是 .{suffix}：这样命名的 {format} 文件无法正常打开；"
        "请修改其一（或省略 --format，按后缀决定格式）",
    },
    "import.not_found": {"en": "{path}: file not found", "zh": "{path}：文件不存在"},
    "import.not_a_file": {"en": "{path}: not a file", "zh": "{path}：不是文件"},
    "import.unreadable": {"en": "{path}: cannot read the file: {reason}", "zh": "{path}：无法读取文件：{reason}"},
    "import.too_large": {
        "en": "{path}: the file unpacks to more than {limit}, more than any plan's table; not read",
        "zh": "{path}：文件解压后超过 {limit}，远超任何方案表格的大小；未读取",
    },
    "import.too_many_cells": {
        "en": "{path}: the table has more than {rows} rows or {columns} columns, more than a plan's table; not read",
        "zh": "{path}：表格超过 {rows} 行或 {columns} 列，超出方案表格的规模；未读取",
    },
    "import.too_many_elements": {
        "en": "{path}: the document holds more than {limit} XML elements (paragraphs, runs, cells…), more than any "
        "plan's table; not read",
        "zh": "{path}：文档包含超过 {limit} 个 XML 元素（段落、文字块、单元格等），远超任何方案表格；未读取",
    },
    "import.too_many_strings": {
        "en": "{path}: the workbook's shared string table holds more than {limit} strings or {size}, more than "
        "any plan's table; not read",
        "zh": "{path}：工作簿的共享字符串表超过 {limit} 条或 {size}，远超任何方案表格；未读取",
    },
    "import.cell_too_long": {
        "en": "{path}: row {row} holds a cell of more than {limit} characters (Excel's limit for one cell); not read",
        "zh": "{path}：第 {row} 行有单元格超过 {limit} 个字符（Excel 单元格的上限）；未读取",
    },
    "import.too_much_text": {
        "en": "{path}: the table's cells hold more than {limit} characters (merged and repeated cells counted "
        "wherever they appear), more than any plan; not read",
        "zh": "{path}：表格单元格文字合计超过 {limit} 个字符（合并及重复引用的单元格按出现位置计），远超任何方案；未读取",
    },
    "import.doctype": {
        "en": "{path}: {part}, line {line}: the part declares a DTD (<!DOCTYPE …>), which Word and Excel never "
        "write and which can hide, fetch or multiply text; not read (open and save the file in Word, Excel or WPS)",
        "zh": "{path}：{part} 第 {line} 行：该部件声明了 DTD（<!DOCTYPE …>），Word 和 Excel 从不写入，且可借此隐藏、"
        "引入或成倍扩展文字；未读取（请用 Word、Excel 或 WPS 打开后另存）",
    },
    "import.macro_enabled": {
        "en": "{path}: a macro-enabled Word document (.docm): open it in Word or WPS and save it as .docx",
        "zh": "{path}：启用宏的 Word 文档（.docm）：请用 Word 或 WPS 打开后另存为 .docx",
    },
    "import.too_many_merges": {
        "en": "{path}: the sheet has more than {limit} merged ranges, or ranges covering the sheet many times over; "
        "not read",
        "zh": "{path}：工作表的合并区域超过 {limit} 个，或合并区域多次重叠覆盖整张表；未读取",
    },
    "import.too_many_positions": {
        "en": "{path}: the sheet's cells reach row {rows} and column {columns}, more than {limit} positions, more "
        "than a plan's table (a stray cell far away?); not read",
        "zh": "{path}：工作表的单元格延伸到第 {rows} 行、第 {columns} 列，超过 {limit} 个位置，超出方案表格的规模"
        "（远处是否有零散单元格？）；未读取",
    },
    "import.not_text": {
        "en": "{path}: not a text table (binary data, or an encoding that is neither UTF-8 nor GB18030/GBK)",
        "zh": "{path}：不是文本表格（含二进制数据，或编码既非 UTF-8 也非 GB18030/GBK）",
    },
    "import.corrupt": {
        "en": "{path}: the file is damaged or not what its name says: {reason}",
        "zh": "{path}：文件已损坏或与扩展名不符：{reason}",
    },
    "import.part_encrypted": {
        "en": "{path}: {part}: the part is encrypted inside the archive, which Word and Excel never write; not read "
        "(remove the password, or open the file and save it again)",
        "zh": "{path}：{part}：该部件在压缩包内被加密，Word 和 Excel 从不这样写入；未读取（请取消密码，或打开后另存）",
    },
    "import.part_damaged": {
        "en": "{path}: {part}: the part cannot be unpacked (damaged, or packed in a way Word and Excel do not use): "
        "{reason}; not read",
        "zh": "{path}：{part}：该部件无法解压（已损坏，或采用了 Word 和 Excel 不用的压缩方式）：{reason}；未读取",
    },
    "import.encrypted_or_old": {
        "en": "{path}: the file is password-protected, or an old .doc/.xls saved under a new name: remove the "
        "password, or open it and save it as .docx/.xlsx",
        "zh": "{path}：文件设有密码，或是改了扩展名的旧版 .doc/.xls：请取消密码，或打开后另存为 .docx/.xlsx",
    },
    "import.old_format": {
        "en": "{path}: {suffix} is an old binary format: open it in Word, Excel or WPS and save it as {new}",
        "zh": "{path}：{suffix} 是旧版二进制格式：请用 Word、Excel 或 WPS 打开后另存为 {new}",
    },
    "import.unknown_suffix": {
        "en": "{path}: cannot tell the format from the name: import reads {suffixes}",
        "zh": "{path}：无法从文件名判断格式：import 可读取 {suffixes}",
    },
    "import.sheet_not_xlsx": {
        "en": "{path}: --sheet applies to .xlsx workbooks only",
        "zh": "{path}：--sheet 只适用于 .xlsx 工作簿",
    },
    "import.no_sheet": {
        "en": "{path}: no sheet named {sheet!r}; the sheets are: {sheets}",
        "zh": "{path}：没有名为“{sheet}”的工作表；现有工作表：{sheets}",
    },
    "import.no_heading_sheets": {
        "en": "{path}: no header row on the first sheet, {sheet!r}; the table may be on another sheet ({sheets}): "
        "name it with --sheet NAME",
        "zh": "{path}：第一个工作表“{sheet}”中找不到表头；表格可能在其他工作表（{sheets}）中：请用 --sheet 工作表名 指定",
    },
    "import.no_table": {"en": "{path}: the file holds no table", "zh": "{path}：文件中没有表格"},
    "import.no_heading": {
        "en": "{path}: no header row found: no row in the first 30 of any table names two known columns, one of "
        "them the problem (整改内容) or the measures (整改措施); name the columns with --column 'HEADING=field'",
        "zh": "{path}：找不到表头：各表格前 30 行中没有一行包含两个可识别的列名（其中之一为整改内容或整改措施）；"
        "可用 --column '列名=字段' 指定",
    },
    "import.no_rows": {
        "en": "{path}: the table has a header but no rows under it",
        "zh": "{path}：表格只有表头，没有内容行",
    },
    "write.exists": {
        "en": "{path} exists; nothing was written: give --force to replace it",
        "zh": "{path} 已存在，未写入：如需覆盖请加 --force",
    },
    "import.same_as_input": {
        "en": "{path} is the file being imported; nothing was written",
        "zh": "{path} 就是要导入的文件，未写入",
    },
    "import.bad_column": {
        "en": "--column {value!r}: write HEADING=field, e.g. --column '办结时限=deadline'",
        "zh": "--column “{value}”：应写成 列名=字段，例如 --column '办结时限=deadline'",
    },
    "import.bad_field": {
        "en": "--column: unknown field {field!r}; the fields are: {fields}",
        "zh": "--column：未知字段“{field}”；可用字段：{fields}",
    },
    "import.bad_year": {
        "en": "--year {value!r}: give a year such as 2021",
        "zh": "--year “{value}”：请给出年份，例如 2021",
    },
    "import.yaml_header": {
        "en": "Imported from {name} by rectiplan import.",
        "zh": "由 rectiplan import 从 {name} 导入。",
    },
    "import.comment_unread": {
        "en": "{place}, column {column}: could not be read; written as found: correct it",
        "zh": "{place}“{column}”列：无法识别，按原文写入，请修改",
    },
    "import.place": {"en": "row {row}", "zh": "第 {row} 行"},
    "import.place_table": {"en": "table {table}, row {row}", "zh": "表 {table} 第 {row} 行"},
    "import.places": {"en": "rows {rows}", "zh": "第 {rows} 行"},
    "import.places_table": {"en": "table {table}, rows {rows}", "zh": "表 {table} 第 {rows} 行"},
    "import.report_head": {"en": "Imported {path}:", "zh": "导入 {path}："},
    "import.report_counts": {"en": "{rows} read, {items} written", "zh": "读取 {rows}，写出 {items}"},
    "import.count_rows": {"en": "{count} rows", "zh": "{count} 行"},
    "import.count_rows_one": {"en": "1 row", "zh": "1 行"},
    "import.count_items": {"en": "{count} items", "zh": "{count} 个事项"},
    "import.count_items_one": {"en": "1 item", "zh": "1 个事项"},
    "import.report_written": {"en": "Wrote {path}.", "zh": "已写入 {path}。"},
    "import.report_cell": {"en": "{place}, {column}: {what}", "zh": "{place}“{column}”：{what}"},
    "import.report_cells": {
        "en": "{count} cells ({places}), {column}: {what}",
        "zh": "{count} 个单元格（{places}）“{column}”：{what}",
    },
    "import.report_places_more": {"en": "{places} and {more} more", "zh": "{places}等，另有 {more} 处"},
    "import.report_cut": {"en": "{head}… ({length} characters)", "zh": "{head}…（共 {length} 字）"},
    "import.report_unread_count": {
        "en": "{count} cells could not be read: written as found, with a comment; correct them",
        "zh": "{count} 个单元格无法识别：已按原文写入并加注释，请修改",
    },
    "import.report_unread_count_one": {
        "en": "1 cell could not be read: written as found, with a comment; correct it",
        "zh": "1 个单元格无法识别：已按原文写入并加注释，请修改",
    },
    "import.report_valid": {"en": "The plan validates.", "zh": "方案校验通过。"},
    "import.report_invalid": {
        "en": "The plan was written but has {count} problems:",
        "zh": "方案已写出，但有 {count} 个问题：",
    },
    "import.report_invalid_one": {"en": "The plan was written but has 1 problem:", "zh": "方案已写出，但有 1 个问题："},
    "import.unread": {"en": "could not be read: {text!r}", "zh": "无法识别：“{text}”"},
    "import.encoding": {"en": "read as {encoding}", "zh": "按 {encoding} 编码读取"},
    "import.sheet": {"en": "sheet {sheet!r}", "zh": "工作表“{sheet}”"},
    "import.two_row_header": {
        "en": "the header spans two rows: the headings of row {row} name the columns under them",
        "zh": "表头占两行：第 {row} 行的子列名为其下各列的列名",
    },
    "import.unknown_column": {
        "en": "column {heading!r} has no field in a plan: its text goes into notes as “{heading}：…”",
        "zh": "“{heading}”列在方案中没有对应字段：其内容以“{heading}：…”写入 notes",
    },
    "import.headless_column": {
        "en": "column {column} has no heading but holds text: it goes into notes as “{heading}：…”",
        "zh": "第 {column} 列没有列名但有内容：其内容以“{heading}：…”写入 notes",
    },
    "import.blank_row": {"en": "{place}: blank, skipped", "zh": "{place}：空行，跳过"},
    "import.repeated_header": {"en": "{place}: the header repeated, skipped", "zh": "{place}：重复的表头，跳过"},
    "import.reworded_header": {
        "en": "{place}: the header again, worded differently but naming the same columns: skipped",
        "zh": "{place}：再次出现的表头，措辞不同但各列相同：跳过",
    },
    "import.group_row": {
        "en": "{place}: a group row, “{text}”: the topic of the items under it",
        "zh": "{place}：分组行“{text}”，作为其下事项的主题",
    },
    "import.group_row_notes": {
        "en": "{place}: a group row, “{text}”: the table has a topic column, so it goes into the notes of the "
        "items under it",
        "zh": "{place}：分组行“{text}”：表格已有主题列，写入其下事项的 notes",
    },
    "import.group_row_empty": {
        "en": "{place}: a group row, “{text}”, with no item under it: its text goes into the notes of the next item "
        "(at the end of the table, of the last item)",
        "zh": "{place}：分组行“{text}”下没有事项：其内容写入下一事项的 notes（位于表末时写入最后一个事项）",
    },
    "import.continuation": {
        "en": "{place}: no 序号, so it continues the item above: its cells are added to that item's, line by line",
        "zh": "{place}：没有序号，视为上一事项的续行：其单元格内容逐行并入上一事项",
    },
    "import.numbered": {
        "en": "the table has no 序号 column: the items are numbered 1 to {count}",
        "zh": "表格没有序号列：事项按顺序编号 1 至 {count}",
    },
    "import.table_not_read": {
        "en": "table {table} ({rows} rows) is not the plan's table and was not imported: “{text}”",
        "zh": "第 {table} 个表格（{rows} 行）不是方案表格，未导入：“{text}”",
    },
    "import.text_not_read": {
        "en": "text outside the table, not imported: “{text}”",
        "zh": "表格外的文字，未导入：“{text}”",
    },
    "import.docx_merge_own": {
        "en": "{place}: a cell marked as merged with the one above holds its own text, “{text}”: read as its own",
        "zh": "{place}：标为与上方合并的单元格有自己的文字“{text}”：按其本身内容读取",
    },
    "import.docx_past_grid": {
        "en": "{place}: the row's cells run past the table's {columns} columns: the text beyond is read in "
        "columns of its own",
        "zh": "{place}：该行单元格超出表格的 {columns} 列：超出部分按单独的列读取",
    },
    "import.docx_span_past_grid": {
        "en": "{place}: a cell spans {span} columns, past the table's {columns}: the row is malformed; the span is "
        "cut so that the row's cells stay in their columns: check the row",
        "zh": "{place}：有单元格跨 {span} 列，超出表格的 {columns} 列：该行格式有误；已缩减跨列数，使该行各单元格保持在各自的列中，"
        "请核对该行",
    },
    "import.xlsx_hidden_sheets": {
        "en": "hidden sheets, not read: {sheets}",
        "zh": "隐藏的工作表，未读取：{sheets}",
    },
    "import.xlsx_hidden_rows": {
        "en": "rows hidden in the sheet, imported: {rows}",
        "zh": "工作表中隐藏的行，已导入：{rows}",
    },
    "import.xlsx_hidden_columns": {
        "en": "columns hidden in the sheet, imported: {columns}",
        "zh": "工作表中隐藏的列，已导入：{columns}",
    },
    "import.xlsx_formula": {
        "en": "cell {cell} holds a formula saved without its value: the formula is imported as text, {formula!r}; "
        "open and save the workbook in Excel or WPS, then import it again",
        "zh": "单元格 {cell} 是未保存计算结果的公式：按公式原文导入“{formula}”；请在 Excel/WPS 中打开并保存后再导入",
    },
    "import.xlsx_row_repeated": {
        "en": "{place}: the sheet writes this row number twice: both rows are read, in file order",
        "zh": "{place}：工作表中该行号出现两次：两行均按文件顺序读取",
    },
    "import.xlsx_under_merge": {
        "en": "cell {cell} lies under a merged range and Excel does not show it: its text, “{text}”, is not imported",
        "zh": "单元格 {cell} 位于合并区域内，Excel 不显示：其文字“{text}”未导入",
    },
    "import.xlsx_merges_overlap": {
        "en": "{count} merged ranges overlap an earlier one (Excel does not allow it) and are ignored, the first "
        "range winning; their cells are read as written. Each, with the range it meets in brackets: {ranges}",
        "zh": "{count} 个合并区域与之前的合并区域重叠（Excel 不允许），已忽略，以先出现的为准；其单元格按原样读取。"
        "各区域及（括号内）与之重叠的区域：{ranges}",
    },
    "import.title_from_name": {
        "en": "no title before the table: the title is the file name, “{title}” (give --title)",
        "zh": "表格前没有标题：以文件名“{title}”为标题（可用 --title 指定）",
    },
    "import.surrogate_replaced": {
        "en": "the title held bytes that are not UTF-8 (from the file name or --title): written as “{title}”, "
        "each such byte as �",
        "zh": "标题含有非 UTF-8 字节（来自文件名或 --title）：写作“{title}”，每个这样的字节写作 �",
    },
    "import.year_given": {
        "en": "deadlines written without a year take {year} (--year)",
        "zh": "未写年份的期限按 {year} 年计（--year）",
    },
    "import.topic_is_title": {
        "en": "no topic column and no group rows: every item's topic is the title, “{title}”",
        "zh": "没有主题列，也没有分组行：各事项的主题取标题“{title}”",
    },
    "import.lead_assist": {
        "en": "牵头 and 配合 units are all responsible, the lead units first ({count} in all)",
        "zh": "牵头单位与配合单位均列为责任处室，牵头单位在前（共 {count} 个）",
    },
    "import.progress_needs_date": {
        "en": "each line of 进展情况 should start with a date, as in 2021-09-01 已召开座谈会",
        "zh": "进展情况每行应以日期开头，如 2021-09-01 已召开座谈会",
    },
    "import.extension_needs_date": {
        "en": "each line of 延期 should start with the new date, as in 2022-03-31：需上级批复",
        "zh": "延期每行应以延期后的日期开头，如 2022-03-31：需上级批复",
    },
    "import.people_several": {
        "en": "several names in one cell, “{name}”, kept together: --person finds them only by the whole text",
        "zh": "一个单元格中有多个姓名“{name}”，一并保留：--person 只能按全文查找",
    },
    "import.people_rows": {
        "en": "another row of the item names “{other}”: the first row's “{kept}” is kept, “{other}” goes into notes",
        "zh": "该事项的另一行填写了“{other}”：采用第一行的“{kept}”，“{other}”写入 notes",
    },
    "import.measures_by_row": {
        "en": "the item spans {rows} rows: each row's measures are listed apart, with that row's units",
        "zh": "该事项跨 {rows} 行：各行的整改措施分别列出，并对应本行的责任处室",
    },
    "import.people_both": {
        "en": "two columns name this person: “{kept}” from its own column; “{other}” goes into notes",
        "zh": "两列都填写了此人：采用专列中的“{kept}”，“{other}”写入 notes",
    },
    "error.empty_text": {"en": "{param} must not be empty", "zh": "{param} 不能为空"},
    "error.since_after_as_of": {
        "en": "{since} is after the as-of date {as_of}: the period would run backwards",
        "zh": "{since} 晚于截至日期 {as_of}：统计期间的起止颠倒",
    },
    "error.negative_days": {
        "en": "{value} is not a number of days: give 0 or more",
        "zh": "{value} 不是有效的天数：请给出 0 或更大的整数",
    },
    "error.unknown_grouping": {
        "en": "cannot group by {name!r}: group by {known}",
        "zh": "无法按“{name}”分组：可按 {known} 分组",
    },
    "error.not_utf8": {
        "en": "{param} is not UTF-8 text; set the terminal to UTF-8",
        "zh": "{param} 不是 UTF-8 文本；请将终端设为 UTF-8 编码",
    },
    "paren": {"en": " ({body})", "zh": "（{body}）"},
    "comma": {"en": ", ", "zh": "，"},
    "semicolon": {"en": "; ", "zh": "；"},
    "closest": {"en": " (did you mean {closest!r}?)", "zh": "（是否指“{closest}”？）"},
    "no_items": {"en": "No items match.", "zh": "没有符合条件的事项。"},
}


def text(key: str, lang: str, /, **params: Any) -> str:
    # Positional-only: a message's own fields may be named `key` or `lang` (edit.cannot_remove has {key}).
    if key in _OS_REASON_KEYS and "reason" in params:
        params["reason"] = os_reason(str(params["reason"]), lang)
    return TEXT[key][lang].format(**params)


def counted(key: str, lang: str, count: int, /, **params: Any) -> str:
    """A message about `count` things: its `_one` form when there is one (English says "1 cell", not "1 cells")."""
    one = f"{key}_one"
    return text(one if count == 1 and one in TEXT else key, lang, count=count, **params)


# The reasons the operating system gives (strerror, in English whatever the locale of a C library built without
# translations) and our own for a file that is no regular file, in Chinese: a Chinese message says them in Chinese.
_OS_REASONS_ZH = {
    "is a directory": "这是一个目录",
    "not a regular file": "不是普通文件",
    "permission denied": "权限不足",
    "operation not permitted": "不允许的操作",
    "no such file or directory": "文件或目录不存在",
    "not a directory": "路径中有一部分不是目录",
    "no space left on device": "磁盘空间不足",
    "disk quota exceeded": "超出磁盘配额",
    "read-only file system": "文件系统为只读",
    "input/output error": "输入/输出错误",
    "file name too long": "文件名过长",
    "too many levels of symbolic links": "符号链接层数过多",
    "device or resource busy": "设备或资源忙",
    "broken pipe": "管道已断开",
    "file exists": "文件已存在",
    "invalid argument": "参数无效",
    "text file busy": "文件正被执行",
    "too many open files": "打开的文件过多",
    "no such device or address": "设备或地址不存在",
}
# The messages whose {reason} is the operating system's.
_OS_REASON_KEYS = frozenset({"write.failed", "import.unreadable", "error.folder_unreadable", "error.output"})


def os_reason(reason: str, lang: str) -> str:
    """An operating system's reason for a failed read or write in `lang`: in Chinese the known ones translated, any
    other said as the system's own words."""
    if lang != "zh":
        return reason
    known = _OS_REASONS_ZH.get(reason.strip().lower())
    return known if known is not None else f"系统错误“{reason}”"


def join_list(names: Iterable[str], lang: str) -> str:
    """Names listed in running text, with the language's own separator: 农村处、社发处 in Chinese, "a, b" in
    English (a 、 in an English sentence, or a comma between Chinese names, reads as a slip)."""
    return ("、" if lang == "zh" else ", ").join(names)


def id_ranges(ids: Iterable[int], lang: str) -> str:
    """1, 2, 3, 5, 6 as "1-3, 5-6" (1-3、5-6): the ids there are, gaps visible."""
    return join_list(number_runs(sorted(set(ids))), lang)


def number_runs(numbers: Iterable[int]) -> list[str]:
    """Each run of consecutive numbers as one entry: 3, 5, 6, 7 as ["3", "5-7"]."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return [str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs]


def word(key: str, lang: str, /) -> str:
    entry = WORDS.get(key)
    return entry[lang] if entry else key


# What must never reach a terminal from a plan or a file name: C0 and C1 controls and DEL (ESC starts colour,
# cursor and OSC 8 hyperlink sequences; the C1 CSI/OSC bytes do the same on some terminals), the bidi controls
# that make text display in another order than it is read (U+061C, U+200E/F, U+202A-202E, U+2066-2069), and lone
# surrogates, which no terminal encoding can write (an undecodable file name's bytes are shown as \xNN, as
# discovery shows them). Zero-width characters (U+200B-200D, U+2060, U+FEFF) too: `A` and `A` followed by a zero-width
# space looked like one division name twice, and a name that did not match looked exactly like one that did. The
# interlinear annotation marks (U+FFF9-FFFB), which JSON escapes too, with them.
_CONTROL = (
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2060\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb\ud800-\udfff]"
)


def _replacement(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\N{REPLACEMENT CHARACTER}"


# U+2028/U+2029 are line breaks to a terminal's text shaping but not to our line counting: treat them as newlines.
_UNICODE_BREAKS = "[\u2028\u2029]"
_LINE_BREAKS = r"[\t\n]"


def printable(value: str, *, newlines: bool = False) -> str:
    """The one sanitizer for text that reaches a person's terminal from a plan or a file name: control and bidi
    characters (an ESC that would drive the terminal, an RLO that would reorder a line) become U+FFFD, and the
    Unicode line and paragraph separators become newlines. A CI log is read by a machine first: a GitHub Actions
    workflow command in the text (see `no_workflow_command`) loses a character to U+FFFD too.

    Without `newlines`, tabs and line breaks become spaces too, for one-line output.
    """
    if value.isprintable():
        # No control, format, separator (but the space) or surrogate character: nothing to replace. Most text
        # passes here, and the patterns below (the surrogate range alone costs a millisecond to compile) are then
        # never compiled on a run that prints nothing unusual.
        return no_workflow_command(value)
    cleaned = re.sub(_CONTROL, _replacement, re.sub(_UNICODE_BREAKS, "\n", value))
    return no_workflow_command(cleaned if newlines else re.sub(_LINE_BREAKS, " ", cleaned))


# GitHub Actions' runner reads every line a step writes, stdout and stderr alike, for workflow commands
# (actions/runner src/Runner.Common/ActionCommand.cs): `::name props::data` when the line starts with it after
# leading white space (TryParseV2), and the legacy `##[name props]data` anywhere in the line (TryParse looks for
# "##[" with IndexOf), for every command still registered: error, group, add-mask, set-output, stop-commands... A
# topic, a division or a file name in a problem, a notice or a table must start neither, or a plan in a pull request
# could annotate, fold the log, mask text, or stop the runner reading our own `validate --format github` lines.
# The runner compares with .NET's culture-aware IndexOf/StartsWith, which skip the default-ignorable code points
# (U+00AD soft hyphen, variation selectors...): "#<U+00AD>#[" is "##[" to it, so those are looked through here.
# Every format character (category Cf) is looked through as well, the Arabic number signs and the interlinear
# annotation marks among them: which of them .NET's comparison skips was not worth guessing (tested against
# unicodedata's whole Cf category).
IGNORABLE = (
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
    "\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f]"
)
# The first "#" of each "##[", and the first ":" of a "::" that starts a line (or the text, which may be put at the
# start of one); replacing it with U+FFFD never makes a new one.
LEGACY_COMMAND = f"#(?={IGNORABLE}*#{IGNORABLE}*\\[)"
# Blanks before it, but not line breaks: a run of them across lines made every line start rescan the rest (a plan
# of 40,000 line breaks and one ":" took 20 s to show).
# A line starts after LF or CR alone, as .NET's reader of a step's output splits them.
LINE_START_COMMAND = f"(?:^|(?<=\\r))((?:[^\\S\\r\\n]|{IGNORABLE})*):(?={IGNORABLE}*:)"


@functools.cache
def compiled_pattern(pattern: str) -> re.Pattern[str]:
    """`pattern` with re.MULTILINE, compiled on first use, not on import (start-up), and kept: printable runs for
    every cell of a table."""
    return re.compile(pattern, re.MULTILINE)


def no_workflow_command(value: str) -> str:
    """`value` with no "##[" anywhere and no line starting with "::" (after white space), each broken by one
    U+FFFD: the runner of a CI log acts on no workflow command in it. Text without them is returned as it is."""
    if "#" in value and "[" in value:
        value = compiled_pattern(LEGACY_COMMAND).sub("\N{REPLACEMENT CHARACTER}", value)
    if ":" in value:
        line_start = compiled_pattern(LINE_START_COMMAND)
        if "\n" in value or "\r" in value or line_start.match(value):  # one line (most text): only its start
            value = line_start.sub("\\1\N{REPLACEMENT CHARACTER}", value)
    return value


def problem_message(problem: Problem, lang: str) -> str:
    params = _problem_params(problem, lang)
    return printable(PROBLEM_MESSAGES[problem.code][lang].format_map(_Lenient(params)))


def problem_hint(problem: Problem, lang: str) -> str | None:
    detail = str(problem.params.get("detail", ""))
    if problem.code == "yaml-syntax" and problem.params.get("fixed"):
        return PROBLEM_HINTS["yaml-fixed"][lang].format(fixed=printable(str(problem.params["fixed"])))
    if problem.code == "yaml-syntax" and (
        "\t" in detail or "tab character" in detail or problem.params.get("found") == "tab"
    ):
        return PROBLEM_HINTS["yaml-tab"][lang]
    params = problem.params
    if problem.code == "wrong-type" and "key" in params:
        return PROBLEM_HINTS["list-expected"][lang].format(key=params["key"], value=printable(str(params["value"])))
    if problem.code == "bad-date" and "status" in params:
        name = "date-is-ongoing" if params.get("ongoing") else "date-is-status"
        return PROBLEM_HINTS[name][lang].format(**params)
    if problem.code == "bad-date" and "meant" in params:
        return PROBLEM_HINTS["date-meant"][lang].format(**params)
    if problem.code == "bad-date" and "month" in params:
        month = int(params["month"])
        day = calendar.monthrange(2021, month)[1]
        return PROBLEM_HINTS["date-needs-year"][lang].format(key=params["key"], month=month, day=day)
    if problem.code == "bad-status" and params.get("suggestion"):
        return PROBLEM_HINTS["status-meant"][lang].format(suggestion=params["suggestion"])
    if problem.code == "fullwidth-separator":
        return PROBLEM_HINTS["fullwidth-separator"][lang].format(fixed=printable(str(params["fixed"])))
    if problem.code == "encoding" and not problem.params.get("guess"):
        return None
    if problem.code == "encoding" and problem.params.get("guess") == "UTF-16":
        return PROBLEM_HINTS["encoding-utf16"][lang].format(codec=problem.params.get("codec", "UTF-16LE"))
    hint = PROBLEM_HINTS.get(problem.code)
    return hint[lang] if hint else None


def _problem_params(problem: Problem, lang: str) -> dict[str, Any]:
    params = dict(problem.params)
    if problem.code == "file-unreadable":
        params["reason"] = os_reason(str(params.get("reason", "")), lang)
    elif problem.code == "file-too-large":
        params["size_mb"] = round(params.get("size", 0) / 2**20)
        params["limit_mb"] = round(params.get("limit", 0) / 2**20)
    elif problem.code == "too-many-values":
        params["count_text"] = f"{params.get('count', 0):,}"
        params["limit_text"] = f"{params.get('limit', 0):,}"
    elif problem.code == "symlink-refused":
        outside = params.get("why") == "outside"
        folder = params.get("folder", "")
        params["where_en"] = (
            f"that leads out of the folder {folder}" if outside else "to what is not a regular file (a FIFO or device)"
        )
        params["where_zh"] = f"指向文件夹 {folder} 之外" if outside else "指向的不是普通文件（管道或设备）"
    elif problem.code == "encoding" and params.get("guess") == "UTF-16":
        params["guess_en"] = "; it is UTF-16 without a byte order mark (a NUL byte after every letter)"
        params["guess_zh"] = "；这是不带字节序标记（BOM）的 UTF-16 编码（每个字母后都有一个 NUL 字节）"
    elif problem.code == "encoding":
        guessed = params.get("guess")
        params["guess_en"] = (
            "; it looks like GBK/GB18030, as saved by WPS, Excel or Notepad on Chinese Windows" if guessed else ""
        )
        params["guess_zh"] = (
            "；看起来是 GBK/GB18030 编码（中文 Windows 上 WPS、Excel、记事本的默认保存方式）" if guessed else ""
        )
    elif problem.code in ("unknown-key", "bad-timezone", "unknown-division"):
        suggestion = params.get("suggestion")
        params["suggestion_en"] = f'; did you mean "{suggestion}"?' if suggestion else ""
        params["suggestion_zh"] = f"；是否指“{suggestion}”？" if suggestion else ""
    elif problem.code == "yaml-syntax" and params.get("found") in YAML_SLIPS:
        params["detail"] = YAML_SLIPS[params["found"]][lang]
    elif problem.code == "yaml-syntax" and lang == "zh":
        parts = str(params.get("detail", "")).split("; ")
        params["detail"] = "；".join(YAML_DETAIL_ZH.get(part, part) for part in parts)
    elif problem.code == "measure-division" and isinstance(params.get("known"), list):
        params["known"] = join_list(params["known"], lang)
    elif problem.code == "bad-date":
        impossible = params.get("reason") == "impossible"
        params["reason_en"] = "not a real date (no such day)" if impossible else "not a date"
        params["reason_zh"] = "不是真实存在的日期" if impossible else "不是日期"
    for name in ("expected", "got"):
        if name in params:
            params[f"{name}_en"] = word(params[name], "en")
            params[f"{name}_zh"] = word(params[name], "zh")
    return params


class _Lenient(dict[str, Any]):
    """Leaves a missing field visible instead of failing: a message must never crash the report of a problem."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


# zh, en, and the locale forms of them: zh_CN, zh-Hans-CN, en_US.UTF-8 (any case); not "enormous" or "fr".
_LANGUAGE_TAG = r"(?i)(zh|en)(?:[-_][a-z0-9]{1,8})*(?:\.[a-z0-9-]+)?"


def language_named(value: str) -> str | None:
    """The language `value` names ("zh", "zh_CN", "EN-us"), or None when it names neither of ours."""
    match = re.fullmatch(_LANGUAGE_TAG, value.strip())
    return match[1].lower() if match else None


def detect_language(requested: str | None, environ: Mapping[str, str]) -> str:
    """--lang, else RECTIPLAN_LANG, else Chinese when the locale says zh, else English.

    A value that names neither language is skipped here; the CLI refuses a bad --lang and warns about a bad
    RECTIPLAN_LANG."""
    for candidate in (requested, environ.get("RECTIPLAN_LANG")):
        language = language_named(candidate) if candidate else None
        if language:
            return language
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
