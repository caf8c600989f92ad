"""Preloaded by the parse workers' forkserver (parse_pool): the parsers and their tables, loaded once
per run instead of once per worker. Importing this module does that work; nothing else imports it."""
from .parsing.report import parse_report

# warm what the first parse would load: the gazetteer, OpenCC, the unit seed
parse_report("温州市龙湾区2023年重点工作进展情况\n序号 | 重点工作 | 进展情况 |\n1 | 新增就业500人 | 已完成 |\n".encode(),
             "warm-up.txt")
parse_report("龍灣區2023年重點工作進展情況，新增就業人數500人。".encode(), "warm-up-traditional.txt")
