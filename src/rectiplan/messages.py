"""Everything rectiplan says to a person, in Chinese and English, and how the language is chosen."""

from __future__ import annotations

import re
from collections.abc import Mapping
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
        "en": 'unknown time zone "{value}"; use an IANA name such as Asia/Shanghai',
        "zh": "未知的时区“{value}”；请使用 IANA 时区名，例如 Asia/Shanghai",
    },
    "duplicate-id": {
        "en": "id {id} is used twice (first on line {first_line})",
        "zh": "序号 {id} 重复（第一次出现在第 {first_line} 行）",
    },
    "measure-division": {
        "en": 'division "{division}" of this measure is not among the item\'s divisions ({known})',
        "zh": "该措施的责任处室“{division}”不在事项的责任处室（{known}）之中",
    },
    "done-on-missing": {
        "en": "status is done but done_on, the completion date, is missing",
        "zh": "状态为已完成，但缺少完成日期 done_on",
    },
    "done-on-unexpected": {
        "en": 'done_on is set but the status is "{status}", not done',
        "zh": "填写了完成日期 done_on，但状态是“{status}”而不是已完成",
    },
}

PROBLEM_HINTS: dict[str, dict[str, str]] = {
    "encoding": {
        "en": "re-save the file as UTF-8 (WPS/Notepad: Save As → Encoding: UTF-8), "
        "or convert it: iconv -f GB18030 -t UTF-8 OLD.yaml > NEW.yaml",
        "zh": "请将文件另存为 UTF-8 编码（WPS/记事本：另存为 → 编码选 UTF-8），"
        "或转换：iconv -f GB18030 -t UTF-8 旧.yaml > 新.yaml",
    },
    "duplicate-key": {"en": "keep one of the two; YAML would silently drop the first", "zh": "只保留其中一个"},
    "yaml-tab": {"en": "indent with spaces, not tabs", "zh": "请用空格缩进，不要用制表符（Tab）"},
    "done-on-missing": {"en": "add done_on: YYYY-MM-DD", "zh": "请补充 done_on: YYYY-MM-DD"},
    "done-on-unexpected": {
        "en": "set status: done, or remove done_on",
        "zh": "请将 status 改为 done（已完成），或删除 done_on",
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
    "summary.list": {"en": "{shown} of {total} items", "zh": "共 {total} 项，显示 {shown} 项"},
    "summary.overdue": {
        "en": "{count} of {total} items overdue as of {date}",
        "zh": "截至 {date}，{total} 项中有 {count} 项逾期",
    },
    "summary.valid": {"en": "{files} plan file(s) checked: no problems", "zh": "已检查 {files} 个方案文件：未发现问题"},
    "summary.invalid": {
        "en": "{problems} problem(s) in {bad} of {files} plan file(s)",
        "zh": "{files} 个方案文件中有 {bad} 个存在问题，共 {problems} 处",
    },
    "show.as_of": {"en": "as of {date}", "zh": "截至 {date}"},
    "show.measure_divisions": {"en": "by {divisions}", "zh": "由{divisions}负责"},
    "show.none": {"en": "(none)", "zh": "（无）"},
    "error.no_plans": {"en": "no plan files found in {path}", "zh": "{path} 中没有方案文件（*.yaml）"},
    "error.empty_path": {
        "en": "an empty plan path was given; name a plan file or folder (use . for the current folder)",
        "zh": "给出的方案路径为空；请写出方案文件或文件夹（当前文件夹请写 .）",
    },
    "notice.bundled": {
        "en": "rectiplan: no --plan, $RECTIPLAN_PLAN or plans/*.yaml here: reading the bundled example plan {path}",
        "zh": "rectiplan：未指定 --plan 或 RECTIPLAN_PLAN，当前目录也没有 plans/*.yaml：读取的是自带的示例方案 {path}",
    },
    "notice.skipped": {"en": "rectiplan: skipped {path}: {why}", "zh": "rectiplan：已跳过 {path}：{why}"},
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
        "en": "unknown status {name!r}; use pending, in_progress, done or ongoing (or 未开始, 进行中, 已完成, 长期坚持)",
        "zh": "未知的状态“{name}”；可用 未开始、进行中、已完成、长期坚持（或 pending、in_progress、done、ongoing）",
    },
    "error.bad_date": {
        "en": "{value!r} is not a date I can read unambiguously; use 2021-09-01, 2021年9月1日 or today",
        "zh": "无法确定“{value}”是哪一天；请写成 2021-09-01、2021年9月1日 或 today",
    },
    "error.impossible_date": {
        "en": "{value!r} is not a real date (no such day)",
        "zh": "“{value}”不是真实存在的日期",
    },
    "error.bad_lang": {"en": "unknown language {value!r}; use zh or en", "zh": "未知的语言“{value}”；可用 zh 或 en"},
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
    "usage.missing": {"en": "missing {param}", "zh": "缺少 {param}"},
    "usage.no_such_command": {"en": "no such command: {command}", "zh": "没有这个命令：{command}"},
    "usage.not_a_choice": {"en": "{value!r} is not one of {choices}", "zh": "“{value}”不是可选值：{choices}"},
    "error.bad_id": {
        "en": "{value!r} is not an item number; give the 序号, a whole number such as 3",
        "zh": "“{value}”不是事项序号；请给出整数序号，例如 3",
    },
    "paren": {"en": " ({body})", "zh": "（{body}）"},
    "comma": {"en": ", ", "zh": "，"},
    "semicolon": {"en": "; ", "zh": "；"},
    "closest": {"en": " (did you mean {closest!r}?)", "zh": "（是否指“{closest}”？）"},
    "no_items": {"en": "No items match.", "zh": "没有符合条件的事项。"},
}


def text(key: str, lang: str, **params: Any) -> str:
    return TEXT[key][lang].format(**params)


def word(key: str, lang: str) -> str:
    entry = WORDS.get(key)
    return entry[lang] if entry else key


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\t\n]")


def printable(value: str, *, newlines: bool = False) -> str:
    """Text safe to print: a plan's control characters (an ESC that would drive the terminal, say) become U+FFFD.

    Without `newlines`, tabs and line breaks become spaces too, for one-line output.
    """
    cleaned = _CONTROL.sub("\N{REPLACEMENT CHARACTER}", value)
    return cleaned if newlines else _LINE_BREAKS.sub(" ", cleaned)


def problem_message(problem: Problem, lang: str) -> str:
    params = _problem_params(problem, lang)
    return printable(PROBLEM_MESSAGES[problem.code][lang].format_map(_Lenient(params)))


def problem_hint(problem: Problem, lang: str) -> str | None:
    detail = str(problem.params.get("detail", ""))
    if problem.code == "yaml-syntax" and ("\t" in detail or "tab character" in detail):
        return PROBLEM_HINTS["yaml-tab"][lang]
    if problem.code == "encoding" and not problem.params.get("guess"):
        return None
    hint = PROBLEM_HINTS.get(problem.code)
    return hint[lang] if hint else None


def _problem_params(problem: Problem, lang: str) -> dict[str, Any]:
    params = dict(problem.params)
    if problem.code == "file-too-large":
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
    elif problem.code == "encoding":
        guessed = params.get("guess")
        params["guess_en"] = (
            "; it looks like GBK/GB18030, as saved by WPS, Excel or Notepad on Chinese Windows" if guessed else ""
        )
        params["guess_zh"] = (
            "；看起来是 GBK/GB18030 编码（中文 Windows 上 WPS、Excel、记事本的默认保存方式）" if guessed else ""
        )
    elif problem.code == "unknown-key":
        suggestion = params.get("suggestion")
        params["suggestion_en"] = f'; did you mean "{suggestion}"?' if suggestion else ""
        params["suggestion_zh"] = f"；是否指“{suggestion}”？" if suggestion else ""
    elif problem.code == "yaml-syntax" and lang == "zh":
        parts = str(params.get("detail", "")).split("; ")
        params["detail"] = "；".join(YAML_DETAIL_ZH.get(part, part) for part in parts)
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


def detect_language(requested: str | None, environ: Mapping[str, str]) -> str:
    """--lang, else RECTIPLAN_LANG, else Chinese when the locale says zh, else English."""
    for candidate in (requested, environ.get("RECTIPLAN_LANG")):
        if candidate:
            short = candidate.strip().lower()[:2]
            if short in LANGUAGES:
                return short
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
