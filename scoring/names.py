"""What to call a person in a greeting: the name they prefer, else their given name when that is clear.

Many people write their family name first (Tsai Ming-Hui, Tan Jia Hui, Pham Ngoc Anh, Lin Qiaoyu):
"Hi Tsai," greets them by surname. When the first word of a name is a common family name of a
name-order-first culture, the greeting uses the whole name instead; a stored preferred name wins.
"""

from __future__ import annotations

# Common romanised family names written first: Chinese (Mandarin pinyin and Wade-Giles, Cantonese),
# Korean, Vietnamese. A surname that is also a common Western given name (e.g. Lee, Lin as a given
# name is rare) stays out so "Lee Smith" is still greeted as Lee.
FAMILY_NAME_FIRST = frozenset("""
wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song tang
han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren shen yao
jin cui zhong tan lam wong chan cheung leung ng ho chow tsai tsang chiu hsu hsieh kuo huang chang chao
wu lo tseng yeh chien fang kang hung
kim park choi jung jeong kang cho yoon yun jang lim shin seo kwon hwang ahn an song jeon hong
nguyen tran pham hoang huynh phan vu vo dang bui do ho ngo duong ly
""".split())


def greeting_name(full_name: str | None, preferred: str | None = None) -> str:
    """The name to greet someone by: preferred, else the given name, else the full name when unsure."""
    if preferred and preferred.strip():
        return preferred.strip()
    words = (full_name or "").split()
    if not words:
        return "there"
    if len(words) > 1 and words[0].lower().strip(",.") in FAMILY_NAME_FIRST:
        return " ".join(words)
    return words[0]
