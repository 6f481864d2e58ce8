"""The lexicon: phrases in notes (ja/ko/en) -> attribute values. Data in fixtures/lexicon.yaml."""

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .text import norm

LEXICON_PATH = Path(__file__).resolve().parents[2] / "fixtures" / "lexicon.yaml"

# A phrase negated right after it (matched on normalised text: no spaces) does not state its value:
# "キャパシティを維持できない", "ダウンタイムが発生することはない", "既存インスタンスを更新せず",
# "固定IPアドレスを持つことができない", "UDP は非対応", "UDP ではなく", "block storage じゃない", "다운타임이 발생하지 않는다",
# "고정 IP를 가질 수 없음".
_NEGATED_AFTER = re.compile(
    r"(?:る|す|く|つ|た|て)?(?:こと(?:は|が|も)?)?(?:で(?:は|も)?|じゃ)?(?:でき|し|され|させ|せ|さ|れ)?(?:ない|なく|なし|なかった|ません|ず(?!つ))"
    # "…するのではなく", "…のではない" (not "…のではないか", a guess)
    r"|(?:する|される|した|る|た)?の(?:では|じゃ)(?:なく|ない(?!か|だろ|でしょ)|ありません)"
    r"|(?:構成|設定|方式|型|用)?(?:で(?:は|も)?|じゃ)(?:ありません|あらず)"  # "結果整合性ではありません"
    r"|(?:する|される)?(?:構成|設定|方式|型|用|キー|もの|機能|役割)(?:で(?:は|も)?|じゃ)(?:ない|なく)"  # "アクティブ/アクティブ構成ではない", "監査用ではない",
    # "コマンドを実行するキーではない", "명령을 실행하는 키가 아님" (a forty-ninth round, said of services),
    # "既存インスタンスを更新する方式ではない"
    # a particle before the verb that denies it: "アクティブ/アクティブ(構成)にはしない", "監査はしない", "監査には使わない"
    r"|(?:構成|設定|方式|型)?(?:は|を|も|に(?:は|も)?|と(?:は)?)(?:し|せ|なら|なり|でき)(?:ない|ず|ません)(?!と|なら|場合|とき|時)"
    r"|(?:は|が|に|も)?(?:非対応|未対応|不可)"
    r"|(?<=で)は(?:なく|ない)"  # a phrase ending in で: "UDP ではなく HTTP で"
    r"|(?:하|되)?지(?:는|도)?않|(?:할|될|을|ㄹ)?수(?:가|는)?없|(?:이|가|은|는)?없|(?:은|는|이|가)?(?:미지원|불가)"
    # "블록 스토리지가 아니다", "최종 일관성은 아님", "… 아닌 오브젝트 스토리지"; "감사는 하지 않는다", "… 구성으로 하지 않는다"
    r"|(?:(?:하|되)(?:는|은))?(?:구성|설정|방식|용|서비스|키|기능|역할)?(?:이|가|은|는|도)?(?:아니|아닌|아님|아닙)"  # "…하는 방식이 아니다"
    r"|(?:구성|설정|방식)?(?:은|는|이|가|을|를|도|으로|로)(?:하|되)지(?:는|도)?않"
    r"|(?:은|는|이|가)?안(?:됨|돼|되|된|함|해|하|한|생)"  # "용량 유지 안 됨", "다운타임 안 생김", "…이 안 된다"
    # "경로 기반 라우팅 못함", "UDP 지원 못 함", "용량을 유지하지 못한다": 못 after the phrase, or after its 지
    r"|(?:은|는|이|가|을|를|도)?(?:사용|지원|이용)?(?:하|되)?지?(?:는|도)?못(?:함|하|한|해|했|합)"
    # a mark for "no" right after it, as notes tick a table's cell: "UDP X", "다운타임 발생 X", "고정 IP ㄴㄴ"
    # (ㄴ and ㅇ as NFKC leaves them: conjoining jamo)
    r"|[x×✕](?![a-z0-9])|[ㄴ\u1102]+(?![가-힣])"
    # "…とは別物", "…とは違う", "…와는 다르다": it is not that
    r"|と(?:は)?(?:別物|別もの|違う|違い|異な)|(?:와|과)(?:는)?(?:다르|달라|다름|별개)"
    # "…とは関係ない", "…とは無関係", "…와는 관계없다", "…와 무관": nothing to do with it
    r"|と(?:は)?(?:関係(?:が|は)?(?:ない|なく|ありません)|無関係)|(?:와|과)(?:는)?(?:(?:관계|상관)(?:가|이|는|은)?없|무관)"
    # "…を更新する代わりに", "…를 업데이트하는 대신": instead of it, as "instead of" before an English one
    r"|(?:する|される|した)?(?:代わりに|かわりに)|(?:하|되)?(?:는|ㄴ|한|된)?대신"
    # "UDP は使えない", "UDP 는 사용할 수 없다", "UDP 는 지원하지 않는다": the phrase is a noun, the verb denies it
    # (also after を, に, 을/를: "UDP を使えない", "UDP には対応していない", "UDP를 지원하지 않는다")
    r"|(?:は|が|も|を|に(?:は)?)?(?:使え|使用でき|利用でき|対応し|対応でき|サポートされ|サポートし|扱え|でき)(?:てい)?"
    r"(?:ない|ず|ません)"
    # "DLQ を使わない", "DLQ를 사용하지 않는다", but not "DLQ を使わないと…", "…사용하지 않으면" (what happens without it)
    r"|(?:は|が|も|を|に(?:は)?)?(?:使わ|使用し|利用し|指定し|設定し)(?:ない|ません)(?!と|なら|場合|とき|時)"
    r"|(?:은|는|이|가|도|을|를|에(?:는)?)?(?:사용|지원|이용|쓰|쓸)(?:할|될|을|이|가)?(?:수(?:가|는)?없|(?:하|되)?지(?:는|도)?않|불가|안)"
    r"(?!으면|다면|는다면)")
# A Korean phrase of an object or subject, its particle and a verb ("고정 IP를 가진", "리소스가 삭제"), where 못 goes
# before the verb: after the object's 을/를, else after the first subject or topic particle (a verb may start with 가).
_MOT_BEFORE_VERB = re.compile(r"(.*[가-힣a-z0-9][을를])([가-힣]+)|(.*?[가-힣a-z0-9][이가은는])([가-힣]+)")
# One value "only" ("CLB：L7 だけ", "L7 のみ", "7계층만", "layer 7 only", "only at layer 7"): a member with several documented
# values is said to have this one alone (``Match.only``; families corrects it). "だけでなく", "だけじゃない", "のみならず",
# "만이 아니라", "뿐만 아니라", "not only" do not say "only", nor does "だけど" (but); a phrase that is itself an "only"
# ("HTTP のみ") followed by them states nothing.
_ONLY_AFTER = re.compile(r"(?:で|に|の)?(?:だけ(?!ど|れど)|のみ)|(?:에서|으로|로|에)?(?:만|뿐)(?!큼|들|약|일|원)")
_NOT_ONLY = re.compile(r"(?:で|じゃ)(?:は)?(?:なく|ない)|ならず|만?(?:이|은)?아니|(?:이|은)?아닌")
# "だけでも", "만으로도", "만 있어도": even one, not only one
_EVEN = re.compile(r"でも|(?:으로|로)?도|있어도|있으면")
_ONLY_WORD_END = ("だけ", "のみ", "만", "뿐", "only")
_ONLY_BEFORE_EN = re.compile(r"(?<!not )\bonly\s+(?:(?:at|on|in|supports?|works?|runs?|operates?|handles?|uses?|the|a)\s+){0,2}$")
_ONLY_AFTER_EN = re.compile(r"\s*only\b")
# A bare noun (a value's ``marked``: "다운타임", "고정 IP") states its value only with a mark after it: "다운타임 O", "고정 IP ㅇㅇ",
# "다운타임 있음"; "다운타임 X", "고정 IP ㄴㄴ", "… 없음" negate it (``_NEGATED_AFTER``). Without one it says nothing.
# A subject particle may come between ("고정 IP가 없다", "고정 IP는 있다"), not a condition ("고정 IP가 없으면").
_MARKED = re.compile(r"(?:o|[ㅇ\u110b]+|(?:이|가|은|는)?(?:있음|있다|있어|있습니다)|x|×|✕|[ㄴ\u1102]+)(?![a-z0-9가-힣])"
                     r"|(?:이|가|은|는)?없(?!으면|다면)")
# A statement hedged right after it (or after its negation) states nothing either way: "ダウンタイムが発生しない
# わけではない" (it can occur), "発生しなくはない", "起動されるとは限らない", "용량이 유지되는 것은 아니다", "다운타임이 없다고는 할 수 없다".
# Notes write such double negations for what they mean to be true and for what they get wrong alike.
# Nor does one asked about ("no capacity loss? -> NO, capacity drops", "static IP? -> no"): the answer is what is said;
# so too with a verb or a nominaliser before the question mark and an answer after it ("既存インスタンスを更新する？ → No",
# "ダウンタイムが発生するのは？ A. All at once", "다운타임이 발생하는 것은? A. 올앳원스");
# nor one with an exception right after it ("no downtime, except during the deploy").
# Nor does one said not to be needed ("バッチサイズ(の設定)は不要", "DLQ 는 필요 없다", "no need to set a batch size"):
# what need not be set or used may still be there ("非同期呼び出し：DLQ の設定は不要" is right, a DLQ is optional).
_HEDGED_AFTER = re.compile(
    r"(?:の)?(?:設定|指定)?(?:は|が|も)?(?:不要|いらない|必要(?:は|が)?(?:ない|ありません))"
    r"|(?:의)?(?:설정|지정)?(?:은|는|이|가|도)?(?:필요(?:가|는|도)?없|필요하지(?:는|도)?않|불필요)"
    r"|\?|[ぁ-ゖー가-힣]{1,6}\?(?=.)|,?(?:except|unless)|(?:る|す|く|つ|う|た|だ|い|される|れる|できる)?(?:という)?(?:わけ(?:では|じゃ|でも)|とは限ら|とも限ら|とは言え(?:な|ま)|とは言い切れ)"
    r"|(?<=なく)(?:は|も)(?:ない|な[かく]|ありません)"  # "発生しなくはない", "減らなくもない": not never, so maybe
    r"|(?:되|하)?(?:는|은|ㄴ|인|한)?(?:것은|것이|건|게)아니|(?:다|이라|라)?(?:고|고는|고도)(?:할|볼|말할|단정할)수없")
# A statement said to hold only under a condition ("Global Accelerator を前に置いた場合のみ固定 IP を持てる", "…인 경우에만",
# "only if you put Global Accelerator in front") is not the member's: the condition, not the member, gives it. Looked for
# in the phrase's clause, before it (ja/ko) or after it (en).
# ... or hedged at its clause's verb a few words on ("アクティブ/パッシブ構成で使うわけではない", "自動でリトライするわけではない",
# "ダウンタイムなしでデプロイできるとは限らない"): the hedge is said of the whole predicate, the phrase with it.
_HEDGED_LATER = re.compile(r"[^、。,，;；:：!?！？]{0,10}?(?:わけ(?:では|じゃ)|とは限ら)")
_ONLY_IF_BEFORE = re.compile(r"(?:場合|とき|時)(?:のみ|だけ|に限り|に限って)|(?:경우|때)에?만")
_ONLY_IF_AFTER = re.compile(r"^[^,;.!?、。]*?\bonly\s+(?:if|when|with|after|through|behind)\b")
_CLAUSE_BREAK = re.compile(r"[,;.!?、。，：:]")
# ... or as what someone needs or wants, which the line then sends elsewhere ("ダウンタイムなしにしたいなら Immutable",
# "UDP が必要なら NLB", "용량을 유지하려면 …", "use NLB if you need a static IP", "to keep full capacity, use …"): a
# requirement, not the member's behaviour. Right after the phrase (ja/ko) or right before it in its clause (en).
_WANTED_AFTER = re.compile(
    r"(?:に|を|が|は)?(?:し|でき|使い|使用し)?(?:たい(?:なら|場合|とき|時|ので|から)|たくて|たかった)|(?:が|は|を)?(?:必要|欲しい|ほしい)(?:なら|な場合|なとき|な時|であれば)"
    r"|(?:이|가|을|를)?(?:필요하면|필요한경우|필요할때|원하면|원할때|원한다면)|[가-힣]{0,4}려면")
_WANTED_BEFORE = re.compile(
    r"\b(?:if|when)\s+(?:you|we)\s+(?:need|want|require)s?(?:\s+(?:a|an|the|to\s+[a-z]+))?\s*$"
    r"|\b(?:to|for)\s+(?:keep|get|have|ensure|achieve|avoid|maintain)(?:\s+(?:a|an|the))?\s*$"
    r"|\bno\s+need\s+(?:to|for)\b(?:\s+[a-z]+){0,3}\s*$")  # "no need to set a batch size": nor what is not needed
# ... or under a condition that the member is not set or used ("指定しないとリソースも削除される", "설정하지 않으면 …",
# "otherwise the resource is deleted"): what happens without it, not what it does. In the phrase's clause, before it.
_UNLESS_BEFORE = re.compile(r"(?:し|され|使わ|付け|つけ)ない(?:と|なら|場合|とき|時)|なければ|(?:지않으면|않으면|없으면|안하면)")
_UNLESS_BEFORE_EN = re.compile(r"\b(?:otherwise|without\s+it|if\s+(?:it\s+is\s+)?not\s+(?:set|specified|used))\b")
# ... or under a condition in other words that names another service giving the value (a value's ``provided_by``):
# "Global Accelerator を使えば固定 IP を持つ", "…를 쓰면 고정 IP 를 가진다", "with Global Accelerator, ALB has a static IP".
# Looked for in the phrase's sentence (a comma may close the condition): after the name before the phrase (ja/ko),
# or a preposition or "if/when … use" right before the name (en, either side of the phrase).
_SENTENCE_BREAK = re.compile(r"[;.!?。！？]")
_CONDITION_AFTER_NAME = re.compile(r"ば|たら|なら|場合|とき|時|経由|併用|(?<=[るうくすつぶむぬぐ])と|ので|により|によって|면|경우|때|통해|경유|사용시|므로|덕분")
_CONDITION_BEFORE_NAME = r"(?:with|using|via|through|behind|(?:if|when|once)(?:you|we)?(?:use|add|put|place)s?)(?:the|an?|aws)*"
# ... or said of a part of the member the words are true of (a value's ``said_of``: a failover group's secondary record
# may go without a health check, its primary may not): the part named in the phrase's clause as what the words are
# about ("セカンダリは…", "보조 레코드는…", "secondary record: …", "… for the secondary"), not as where traffic goes
# ("セカンダリに切り替わる", "보조로 전환", "to the secondary") nor as one more ("セカンダリも", "보조 레코드도"), and no other
# part named beside it (the value's ``unless``: "プライマリとセカンダリは…", "both primary and secondary").
_PART_CLAUSE_BREAK = re.compile(r"(?<![は는은])[,;.!?、。，；！？]")
_PART_NOT_SUBJECT = re.compile(
    r"(?:レコード|リソース|側|레코드|리소스|records?|resources?)?(?:に(?!は)|へ|も|と|や|(?:で|じゃ)は?なく|으로|로|도|와|과|및|이?아니"
    r"|同様|のよう|みたい|처럼|같이|마찬가지)")  # ... nor as what the subject is likened to ("セカンダリ同様", "like the secondary")
_PART_AS_TARGET = ("to", "tothe", "toa", "into", "like", "likethe", "likea", "aswith", "aswiththe")
# ... or just before it, in English ("does not keep full capacity", "never causes downtime").
_NEGATED_BEFORE = ("not", "n't", "never", "cannot")
# English negates a phrase a few words ahead of it, in the same clause: "doesn't support a static IP", "never runs
# with reduced capacity", "the caller does not need to wait for the response", "no longer supports static IP". A
# comma, a full stop, "but", "and", "unlike" or "while" ends the clause ("is not slow but the fastest"); "no" counts
# only right before the phrase ("has no static IP").
# "neither ALB nor CLB has a static IP" denies it too, and a phrase just after "rather than" or "instead of" is the one
# set aside ("layer 7 rather than layer 4").
_NEGATED_EARLIER = re.compile(
    r"\b(?:not|never|cannot|can't|won't|n't|no\s+longer|neither|nor)\b(?:\s+[a-z]+){0,4}\s*$|\bno\s+$"
    r"|n't(?:\s+[a-z]+){0,4}\s*$|\b(?:rather\s+than|instead\s+of)(?:\s+[a-z]+){0,2}\s*$"
    # "is different from replication (CRR)", "has nothing to do with Cross-Region Replication": it is not that
    r"|\b(?:different|distinct|separate)\s+from(?:\s+[a-z][a-z\-]*){0,2}\s*$|\b(?:unrelated\s+to|nothing\s+to\s+do\s+with)(?:\s+[a-z][a-z\-]*){0,2}\s*$")
_LACK = re.compile(r"\black(?:s|ed|ing)?(?:\s+(?:a|an|the|any))?\s*$")
_WORD_REST = re.compile(r"[a-z]*")
# a bracket right after a phrase, one level and short ("レプリケーション（CRR）とは別物": the note names it in passing)
_ASIDE = re.compile(r"\([^()]{0,40}\)")
_NOR = re.compile(r"nor\b")
# A phrase of who gets the new version, its verb of delivering then denied: "最初に全ユーザーに出すのではなく、一部の
# インスタンスから", "全ユーザーに新バージョンを出すのではなく", "…に新バージョンを出さない", "처음부터 모든 사용자에게 배포하는 것이 아니라", "…배포하지 않는다"
_DELIVERED_NOT = re.compile(
    r"(?:(?:に|へ)(?:[ァ-ヶー一-龥a-z0-9]{1,12}?を)?|を)(?:出|配|展開|リリース|公開|切り替え|切替|流|送|デプロイ|適用|反映|届け)[ぁ-ん]{0,4}?"
    r"(?:の(?:では|じゃ)(?:なく|ない(?!か|だろ|でしょ)|ありません)|(?<=[さしせかがたなばまらわえけげてねべめれ])(?:ない|ず|ません)(?!と|なら|場合|とき|時|か)|ことは(?:ない|ありません))"
    r"|(?:(?:에게|에)(?:[가-힣a-z0-9]{1,8}?(?:을|를))?|을|를)(?:배포|공개|출시|적용|전환|보내|내보내|노출)(?:하|되|시키)?(?:는|ㄴ)?"
    r"(?:것(?:이|은)?아니|지(?:는|도)?않)")
# the clause a phrase is in, looked for a few characters back ("…、CloudTrail は監査"): its breaks, how far back, and how
# far the phrase may be from the name that opens it ("CloudTrail は API の監査")
_TOPIC_BREAK = re.compile(r"[,;!?、。，；！？/|]")
_TOPIC_REACH = 40
_TOPIC_GAP = 12
# a topic's mark after its name ("CloudTrail は", "CloudTrail：", "CloudTrail 은", "CloudTrail is"), not "Global Accelerator と
# NLB は固定 IP を持つ" (both named)
_TOPIC_MARK = re.compile(r"は|が|:|=|→|->|⇒|는|은|이|가|is|does|for")
# A phrase sent nowhere past a particle and a name is negated too: "同期呼び出しの失敗は DLQ に送られない", "…には送られない",
# "동기 호출의 실패는 DLQ로 보내지지 않는다", "… are not sent to the DLQ".
_SENT_NOT = re.compile(
    r"(?:は|が|も)?(?:[a-z][a-z0-9\-]{0,15}|[ァ-ヶー]{1,12})?(?:に|へ)は?(?:送|届|入|渡|回|移|流)[ぁ-ん]{0,4}?(?:ない|ず|ません)"
    r"|(?:는|은|이|가)?(?:[a-z][a-z0-9\-]{0,15}|[가-힣]{1,8}?)?(?:에게|에|으로|로)는?"
    r"(?:(?:보내|전달|전송|들어가|넘어가|이동)[가-힣]{0,3}?지(?:는|도)?(?:않|못)|안(?:보내|들어|넘어|가))"
    r"|[a-z]{0,3}?(?:are|is|were|was|gets?)(?:not|never)(?:sent|delivered|routed|passed|moved)")
# A value handed to another service or member named after its phrase, in its clause, is that one's, not the member's:
# a topic particle or a copula before the name, after a noun's rest or a nominalised clause ("監査は CloudTrail",
# "監査ログは CloudTrail で取る", "アーカイブの展開は sources で行う", "最初に全ユーザーに出すのはビッグバン", "감사는
# CloudTrail", "audit is CloudTrail"), の right after the phrase ("旧世代の CLB より推奨"), に/에 with the name then used
# ("監査に CloudTrail を使う", "감사에는 CloudTrail을 사용"), or nothing when the name is compared with ("구세대 CLB보다
# 권장", "over the legacy CLB"). Looked for at the few places after the phrase (``_HANDED_REST``), within its clause.
_HANDED_REST = 8
_WHOSE = re.compile(r"は|なら|는|은|is|=|→|⇒|->|:|：")
_WHOSE_RIGHT_AFTER = re.compile(r"の|의")  # right after the phrase only: "…ための環境" is the line's own environment
_HANDED_BREAK = re.compile(r"[,;.!?、。，；！？()（）「」]")
_USED_BY = re.compile(r"に|에")
_USED = re.compile(r"(?:を|을|를)(?:使|利用|用い|사용|쓰|써|이용)")
_COMPARED = re.compile(r"より|보다|と比べ|에비해")
_COMPARED_BEFORE = ("than", "over", "thanthe", "overthe", "thana", "overa")
_ARTICLE_BEFORE = re.compile(r"\b(?:the|an?)\s+$")
# ... or told to use another ("for auditing API calls use CloudTrail", "use sources to unpack an archive"): the
# verb, as a word, then the name, anywhere in the phrase's clause (English).
_USE = re.compile(r"use")
_USE_REST = ("", "s", "d", "the", "sthe", "dthe", "a", "an", "aws", "theaws")  # "use sources", "uses the X", …
# ... but not a name denied right after it, nor compared with after a topic particle ("監査ログは CloudTrail ではなく
# X-Ray で取る", "감사는 CloudTrail이 아니라 …", "監査は CloudTrail より X-Ray"), nor "use" denied before it ("instead of
# making you use CloudTrail", "you don't need to use CloudTrail"): the value stays the line's own.
_NAME_DENIED = re.compile(r"(?:で|じゃ)(?:は|も)?(?:なく|ない|ありません)|でなく|(?:이|가)?아니"
                          r"|(?:is|are)?(?:not|n't)(?![a-z])|rather(?=than)|instead(?![a-z])")
# ... and a name denied there hands the value on to the member named next ("キャパシティが減るのは Rolling ではなく Rolling
# with additional batch", "롤링이 아니라 …"): a short name of any kind, its denial, then the other member.
_DENIED_NAME = re.compile(r"(?:[a-z0-9][a-z0-9\-/]{0,39}?|[ァ-ヶー]{1,15}?|[가-힣]{1,10}?)"
                          r"(?:(?:で|じゃ)(?:は|も)?なく|でなく|(?:이|가)?아니)(?:て|라|고)?[、,，]?")
_USE_DENIED = re.compile(r"\b(?:not|never|no|instead\s+of|rather\s+than|without)\b|n't")
# ... or said of another member as well, anywhere in the phrase's sentence: one likened to or joined ("same as Rolling",
# "like ALB", "both ALB and NLB", "ALB too", "Rolling と同じく", "ALB 처럼", "All at once も…"), one the words are said
# of alone ("only NLB has…", "NLB だけ"), or one a condition picks ("All at once でも…", "Rolling にしたら、…"). The line
# says the value of both, or of the other: it is no evidence, and no definition, of its own member.
_OTHER_AFTER = re.compile(r"(?:と|とは)?(?:同じ|同様|一緒)|みたい|のよう|(?:で)?も|だけ|のみ|(?:に)?(?:したら|すると|すれば|した場合)"
                          r"|だと|では(?!なく|ない)|처럼|(?:와|과|랑|이랑)(?:같|마찬가지|동일|똑같)|도|만"
                          r"|(?:을|를|으로|로)?(?:하면|쓰면|했더니)")
_OTHER_AFTER_EN = re.compile(r"\s*(?:too|also|as\s+well)\b")
_OTHER_BEFORE_EN = re.compile(r"\b(?:same\s+as|just\s+like|like|as\s+with|as\s+does|both|only)\s+(?:the\s+|an?\s+)?$")
_BOTH = re.compile(r"\bboth\b|どちらも|両方|ともに|둘\s*다")
_CLAUSE_END = re.compile(r"[,;.!?:()（）、。：！？]|\b(?:but|and|unlike|while|whereas|then|so|because)\b")
# A phrase said of the past, in its clause ("S3：以前は結果整合性だった", "예전에는 최종 일관성이었다", "S3 used to be
# eventually consistent") states nothing about now: neither corrected nor evidence. A word for "before" after a noun
# ("デプロイ以前に", "배포 이전에는") is no such word: it starts the clause or follows a particle, a date or a colon.
_PAST_BEFORE = re.compile(r"(?:^|(?<=[はもが는은이가도年月0-9:]))(?:(?:以前|従来|昔)(?:は|まで)|かつて|(?:예전|이전|과거|옛날)(?:에는|엔|에|까지는))")
# ... unless the line comes back to now before the phrase ("以前は強い整合性だったが今は結果整合性" says it is now)
# ("以前は知らなかったが…", "예전에는 몰랐는데 …": the past clause ends)
_NOW = re.compile(r"今|いま|現在|(?:た|だった)(?:が|けど|けれど)|지금|현재|이제|지만|는데|\b(?:now|today|currently|since)\b")
# "used to" after a subject ("S3 used to be …"), not a passive "(is) used to" with or without its verb ("ALB: used to
# route by path", "often used to keep capacity")
_PAST_BEFORE_EN = re.compile(r"\b(?!(?:is|are|be|was|were|been|being|often|also|mainly|mostly|usually|commonly|typically"
                             r"|generally|widely|only|best|frequently)\b)[a-z0-9]+\s+used\s+to\b"
                             r"|\b(?:previously|formerly|in\s+the\s+past|once\s+was|was\s+once)\b")
# ... nor does a phrase a comparison names ("Blue/Green と違って環境は 1 つ", "Blue/Green に似ているが…", "블루/그린과 달리",
# "unlike Blue/Green"): the other term's words, not the line's.
_LIKENED_AFTER = re.compile(r"(?:と|とは)(?:違って|違い|異なり|異なって|似て|似た|同様|同じく)|に似|のよう|みたいに"
                            r"|(?:와|과|랑|이랑)(?:는)?(?:달리|다르게|비슷|유사|같이|마찬가지)|처럼")
_LIKENED_BEFORE_EN = re.compile(r"\b(?:unlike|like|similar\s+to|compared\s+(?:to|with)|as\s+in)\s+(?:the\s+|an?\s+)?$")
# ... nor a phrase right after another member's (or a giving service's) name and a word for "of" or "by" ("packages での
# パッケージのインストール", "Kinesis のシャード数", "패키지스의 …"): that one's; and, after another member's name, one done with
# it, named in Latin script ("files：commands でスクリプトを実行する前にファイルを作成", "files: commands로 스크립트를 실행하기 전에 …":
# commands run the scripts; not an everyday word, "ワーカー環境：この環境で HTTP リクエストを受け付ける" is the worker's; and a
# giving service's "CloudTrail で監査" stays a condition's, ``_provided_if``)
_OWNED_BY = re.compile(r"での|による|によって|の|에서의|에의한|의")
_DONE_WITH = re.compile(r"で|으로|로|에서")


@dataclass(frozen=True)
class Match:
    attribute: str
    value: str
    phrase: str
    # values of other members that these words could describe as well (a phrase entry's ``also_describes``):
    # "既存インスタンスを利用して" says "deploys using the existing instances", which a policy that adds one
    # batch to its existing instances also does: a definition in those words could describe it, and a line in them
    # is no correction of it (families.build_tables).
    also: tuple = ()
    # said to be the member's only value ("L7 だけ", "layer 7 only"): the line denies the member any other
    only: bool = False



def _around(breaks, haystack, index, length):
    """``(start, end)`` of the stretch between the ``breaks`` around the phrase at ``index`` (sentence, clause)."""
    start = max((found.end() for found in breaks.finditer(haystack, 0, index)), default=0)
    found = breaks.search(haystack, index + length)
    return start, found.start() if found else len(haystack)

class Lexicon:
    def __init__(self, data):
        self.attributes = data.get("attributes", {})
        entries = []
        for key, spec in self.attributes.items():
            families = tuple(spec.get("families") or ())
            for value, value_spec in (spec.get("values") or {}).items():
                # the value a negated phrase of this value states ("ダウンタイムが発生しない" for downtime
                # = yes is downtime = no); None: a negated phrase states nothing the lexicon can read
                opposite = value_spec.get("negated")
                opposite = None if opposite is None else str(opposite)
                for phrase in value_spec.get("phrases") or ():
                    # a phrase is its text, or {text: ..., also_describes: [values], negated: value} (what it states
                    # negated where its value's ``negated`` does not fit its words)
                    text, also = ((phrase.get("text", ""), tuple(str(v) for v in phrase.get("also_describes") or ()))
                                  if isinstance(phrase, dict) else (phrase, ()))
                    denied = phrase.get("negated", opposite) if isinstance(phrase, dict) else opposite
                    denied = None if denied is None else str(denied)
                    normalised = norm(str(text))
                    if normalised:
                        entries.append((normalised, key, str(value), families, also, denied, False))
                        # Korean denies a verb with 못 before it: "고정 IP를 못 가진다", "새 인스턴스를 못 띄운다" state
                        # the negated value (and negated once more, nothing)
                        verb = _MOT_BEFORE_VERB.match(normalised)
                        if verb and denied is not None:
                            noun, said = (verb.group(1), verb.group(2)) if verb.group(1) else (verb.group(3), verb.group(4))
                            entries.append((noun + "못" + said, key, denied, families, (), None, False))
                for noun in value_spec.get("marked") or ():
                    if norm(str(noun)):
                        entries.append((norm(str(noun)), key, str(value), families, (), opposite, True))
        # (attribute, value) -> a regex of the names of other services that give the value, conditions before them
        self._provided = {}
        for key, spec in self.attributes.items():
            for value, value_spec in (spec.get("values") or {}).items():
                names = sorted((norm(str(n)) for n in value_spec.get("provided_by") or ()), key=len, reverse=True)
                if names:
                    named = "|".join(map(re.escape, names))
                    self._provided[(key, str(value))] = (
                        re.compile(named), re.compile(f"{_CONDITION_BEFORE_NAME}(?:{named})"))
        # (attribute, value) -> regexes of the parts the value's words are true of, and of the other parts
        self._parts = {}
        for key, spec in self.attributes.items():
            for value, value_spec in (spec.get("values") or {}).items():
                parts = sorted((norm(str(n)) for n in value_spec.get("said_of") or ()), key=len, reverse=True)
                others = sorted((norm(str(n)) for n in value_spec.get("unless") or ()), key=len, reverse=True)
                if parts:
                    self._parts[(key, str(value))] = (re.compile("|".join(map(re.escape, parts))),
                                                      re.compile("|".join(map(re.escape, others))) if others else None)
        # Longest first, so that a phrase inside a longer matching phrase does not count.
        self.entries = sorted(entries, key=lambda entry: -len(entry[0]))
        # The entries by their phrase's first character, as positions in ``entries``: a text can contain only
        # the phrases whose first character it has (``match`` looks at those alone, in the same order).
        self._by_first = {}
        for position, entry in enumerate(self.entries):
            self._by_first.setdefault(entry[0][0], []).append(position)
        # Misspellings in notes -> what questions show instead (longest first).
        self.spellings = sorted(((str(entry["note"]), str(entry["shown"])) for entry in data.get("spellings") or ()
                                 if entry.get("note") and entry.get("shown") is not None), key=lambda e: -len(e[0]))

    def respell(self, text):
        """``text`` (a note's wording shown in a question) with the misspellings of ``spellings`` corrected.

        Only what a question shows: a question's identity, the lexicon's matching and the explanations'
        quotes of the note keep the note's own wording."""
        for note, shown in self.spellings:
            if note in text:
                text = text.replace(note, shown)
        return text

    def match(self, text, family=None, others=None, set_aside=None):
        """Attribute values stated by ``text`` (for ``family`` when given).

        A phrase that the text negates ("キャパシティを維持できない") states the value its entry names as
        ``negated`` (downtime "yes" negated is "no"), or nothing when there is none: never its own value. ``others``
        (a regex of the names of the family's members other than the line's, ``Reference.others_named``): a value
        the line hands to one of them states nothing (``_handed``). ``set_aside`` (a list): the phrases read and then
        found to state nothing (hedged, a condition's, a need's, a part's, handed on) are added to it."""
        haystack = norm(text)
        spaced, places = _spaced(text, haystack)
        found = []
        by_first = self._by_first
        positions = sorted(p for c in set(haystack) for p in by_first.get(c, ()))
        for phrase, key, value, families, also, opposite, marked in map(self.entries.__getitem__, positions):
            if family and families and family not in families:
                continue
            # a phrase said of the past states nothing, but the same words said again of now do ("以前は結果整合性、
            # 今も結果整合性"): the next place is read
            start = 0
            while (index := haystack.find(phrase, start)) >= 0:
                start = index + len(phrase)
                if marked and not _MARKED.match(haystack, index + len(phrase)):
                    break
                after = _NEGATED_AFTER.match(haystack, index + len(phrase))
                if after is None and phrase[-1].isascii() and phrase[-1].isalpha():
                    # a phrase that is a word's start ("replicat") is negated after the word: "replication ではない"
                    after = _NEGATED_AFTER.match(haystack, _WORD_REST.match(haystack, index + len(phrase)).end())
                if after is None and (aside := _ASIDE.match(haystack, index + len(phrase))):
                    # a bracket between the phrase and its denial is an aside ("レプリケーション（CRR）とは別物")
                    after = _NEGATED_AFTER.match(haystack, aside.end())
                if after is None:
                    after = _SENT_NOT.match(haystack, index + len(phrase))
                if after is None:
                    after = _DELIVERED_NOT.match(haystack, index + len(phrase))
                past = False
                # a phrase opening with the word "nor" is a denial already: the "neither" before it is its own ("neither the
                # caller nor Lambda retries"), no second one
                negated = (after is not None or haystack[max(0, index - 8):index].endswith(_NEGATED_BEFORE)
                           or (places is not None and not _NOR.match(spaced, places[index])
                               and _negated_earlier(spaced[:places[index]])))
                hedged = (_HEDGED_AFTER.match(haystack, after.end() if after else index + len(phrase)) is not None
                          or _HEDGED_LATER.match(haystack, after.end() if after else index + len(phrase)) is not None
                          or _only_if(haystack, index, len(phrase), spaced, places)
                          or _wanted(haystack, index, len(phrase), spaced, places)
                          or _unless(haystack, index, spaced, places)
                          or (past := _past(haystack, index, spaced, places))
                          or _likened(haystack, index, len(phrase), spaced, places)
                          or self._provided_if(key, value, haystack, index, len(phrase), spaced, places)
                          or (others is not None and (_handed(others, haystack, index, len(phrase), spaced, places)
                                                      or _owned(others, haystack, index, spaced, places, done_with=True)
                                                      or _said_of_other(others, haystack, index, len(phrase), spaced, places)))
                          or self._said_of_part(key, value, haystack, index, len(phrase)))
                only = False if negated or hedged else _only(haystack, index, len(phrase), spaced, places)
                haystack = haystack[:index] + "\0" * len(phrase) + haystack[index + len(phrase):]
                if hedged:
                    if set_aside is not None:
                        set_aside.append(Match(key, value, phrase, also))
                    if past:
                        continue
                elif not negated:
                    if only is not None:  # "HTTP のみならず", "HTTP만이 아니라": not only
                        found.append(Match(key, value, phrase, also, only))
                elif opposite is not None:
                    found.append(Match(key, opposite, phrase))
                break
        return found

    def _provided_if(self, key, value, haystack, index, length, spaced=None, places=None):
        """Whether the phrase at ``index`` holds under a condition naming another service that gives its value."""
        provided = self._provided.get((key, value))
        if provided is None:
            return False
        names, conditioned = provided
        start, sentence_end = _around(_SENTENCE_BREAK, haystack, index, length)
        before = haystack[start:index]
        named = None
        for named in names.finditer(before):
            pass  # the last name before the phrase
        if named is not None and _CONDITION_AFTER_NAME.search(before, named.end()):
            return True
        if conditioned.search(haystack, start, index) is not None:
            return True
        if _owned(names, haystack, index, spaced, places):  # "Kinesis のシャード数"
            return True
        # after the phrase, only in its clause: "NLB has a static IP per AZ and works well with Global Accelerator"
        # is NLB's own static IP, "ALB gets static IPs via Global Accelerator" is not ALB's
        clause_end = sentence_end
        if places is not None and index + length < len(places):
            found = _CLAUSE_END.search(spaced, places[index + length - 1] + 1)
            if found:
                clause_end = min(sentence_end, bisect.bisect_left(places, found.start()))
        if conditioned.search(haystack, index + length, clause_end) is not None:
            return True
        # or the service that opens the phrase's clause, as its topic: "X-Ray はトレース、CloudTrail は監査", "CloudTrail：監査"
        # (a line listing what each service does; "X-Ray：CloudTrail のように監査" opens with X-Ray, and stays X-Ray's)
        low = max(start, index - _TOPIC_REACH)
        clause = low if low == start else None
        for clause_break in _TOPIC_BREAK.finditer(haystack, low, index):
            clause = clause_break.end()
        if clause is not None:
            topic = names.match(haystack, clause)
            if topic is not None and (topic.end() == index or (
                    _TOPIC_MARK.match(haystack, topic.end()) and index - topic.end() <= _TOPIC_GAP)):
                return True
        # or the service named after the phrase, as whose the value is: "X-Ray：トレース（API の監査は CloudTrail）",
        # "감사는 CloudTrail", "for auditing use CloudTrail" (not "a static IP without Global Accelerator")
        return _handed(names, haystack, index, length, spaced, places)

    def _said_of_part(self, key, value, haystack, index, length):
        """Whether the phrase at ``index`` is said of a part of the member its words are true of (``said_of``)."""
        parts = self._parts.get((key, value))
        if parts is None:
            return False
        names, others = parts
        start, end = _around(_PART_CLAUSE_BREAK, haystack, index, length)
        # a bracket after the phrase is an aside: "呼び出し元はリトライしない（Lambda が 2 回リトライする）" is the caller's
        aside = haystack.find("(", index + length, end)
        if others is not None and others.search(haystack, start, end if aside < 0 else aside):
            return False
        return any(not _PART_NOT_SUBJECT.match(haystack, part.end()) and not haystack.endswith(_PART_AS_TARGET, 0, part.start())
                   for part in names.finditer(haystack, start, end))

    def _value(self, attribute, value):
        return self.attributes.get(attribute, {}).get("values", {}).get(value, {})

    def values(self, attribute):
        return list((self.attributes.get(attribute, {}).get("values") or {}).keys())

    def truth(self, attribute, value, known):
        """Whether a member whose values for ``attribute`` are ``known`` makes the observation of
        ``value`` true (True), false (False) or neither clearly (None).

        By default an observation holds for its own value only. ``satisfied_by`` widens that
        ("full capacity stays in service" holds for ``kept`` and for ``increased``);
        ``unclear_for`` lists values for which the wording is arguable either way ("capacity
        grows temporarily" for a policy that adds one batch while another is out of service),
        so such a member is neither ruled in nor out.
        """
        spec = self._value(attribute, value)
        holds = {str(v) for v in (spec.get("satisfied_by") or (value,))}
        if known & holds:
            return True
        if known & {str(v) for v in (spec.get("unclear_for") or ())}:
            return None
        return False

    def requirement(self, attribute, value):
        """True for a value no note states (no phrases): a wider requirement built on stated values."""
        spec = self._value(attribute, value)
        return bool(spec) and not spec.get("phrases") and bool(spec.get("satisfied_by"))

    def observe(self, attribute, value, language):
        """The value as a statement in a scenario stem ("there is no downtime")."""
        return self._value(attribute, value).get("observe", {}).get(language, "")

    def trait(self, attribute, value, language):
        return self._value(attribute, value).get("trait", {}).get(language, "")

    def label(self, attribute, language):
        return self.attributes.get(attribute, {}).get("label", {}).get(language, attribute)


def _spaced(text, haystack):
    """``text`` normalised as ``norm`` does but with its spaces, and where each character of ``haystack`` is in it
    (None when the two do not line up)."""
    spaced = unicodedata.normalize("NFKC", text or "").casefold()
    places = [place for place, char in enumerate(spaced) if not char.isspace()]
    if len(places) != len(haystack):
        return spaced, None
    return spaced, places


def _only_if(haystack, index, length, spaced, places):
    """Whether the phrase at ``index`` holds only under a condition its clause states."""
    clause_before = _CLAUSE_BREAK.split(haystack[:index])[-1]
    if _ONLY_IF_BEFORE.search(clause_before):
        return True
    end = index + length
    return places is not None and end < len(places) and _ONLY_IF_AFTER.search(spaced[places[end - 1] + 1:]) is not None


def _only(haystack, index, length, spaced, places):
    """Whether the phrase at ``index`` is said with "only" (``_ONLY_AFTER``, ``_ONLY_BEFORE_EN``); None when it is
    an "only" that is denied ("HTTP のみならず", "HTTP만이 아니라")."""
    end = index + length
    if haystack[index:end].endswith(_ONLY_WORD_END):  # the phrase is an "only" of its own ("HTTP のみ")
        return None if _NOT_ONLY.match(haystack, end) else False
    after = _ONLY_AFTER.match(haystack, end)
    if after is not None:
        return not (_NOT_ONLY.match(haystack, after.end()) or _EVEN.match(haystack, after.end()))
    if places is None:
        return False
    before = _CLAUSE_END.split(spaced[:places[index]])[-1]
    return bool(_ONLY_BEFORE_EN.search(before) or (end < len(places) and _ONLY_AFTER_EN.match(spaced, places[end - 1] + 1)))


def _wanted(haystack, index, length, spaced, places):
    """Whether the phrase at ``index`` says what someone needs or wants (``_WANTED_AFTER``, ``_WANTED_BEFORE``)."""
    if _WANTED_AFTER.match(haystack, index + length):
        return True
    return places is not None and _WANTED_BEFORE.search(_CLAUSE_END.split(spaced[:places[index]])[-1]) is not None


def _unless(haystack, index, spaced, places):
    """Whether the phrase at ``index`` holds when something is not set or used (``_UNLESS_BEFORE``)."""
    if _UNLESS_BEFORE.search(_CLAUSE_BREAK.split(haystack[:index])[-1]):
        return True
    return places is not None and _UNLESS_BEFORE_EN.search(_CLAUSE_END.split(spaced[:places[index]])[-1]) is not None


def _past(haystack, index, spaced, places):
    """Whether the phrase at ``index`` is said of the past in its clause (``_PAST_BEFORE``)."""
    clauses = [_CLAUSE_BREAK.split(haystack[:index])[-1], _PAST_BEFORE]
    if places is not None:
        clauses.append((_CLAUSE_END.split(spaced[:places[index]])[-1], _PAST_BEFORE_EN))
    for clause, past in (clauses[:2], *clauses[2:]):
        said = None
        for said in past.finditer(clause):
            pass  # the last word for the past before the phrase
        if said is not None and not _NOW.search(clause, said.end()):
            return True
    return False


def _likened(haystack, index, length, spaced, places):
    """Whether the phrase at ``index`` is what the line compares with (``_LIKENED_AFTER``, ``_LIKENED_BEFORE_EN``)."""
    if _LIKENED_AFTER.match(haystack, index + length):
        return True
    return places is not None and _LIKENED_BEFORE_EN.search(spaced, 0, places[index]) is not None  # "unlike" ends a clause


def _owned(names, haystack, index, spaced, places, done_with=False):
    """Whether the phrase at ``index`` follows a name of ``names`` and a word for "of" or "by" (``_OWNED_BY``), or, with
    ``done_with``, a name in Latin script and a word for "with" (``_DONE_WITH``)."""
    start = _CLAUSE_BREAK.split(haystack[:index])[-1]
    start = index - len(start)
    for name in names.finditer(haystack, start, index):
        end = _name_at(names, haystack, name.start(), spaced, places)
        if end == name.end() and (_OWNED_BY.fullmatch(haystack, end, index) or (
                done_with and haystack[end - 1].isascii() and haystack[end - 1].isalnum()
                and _DONE_WITH.fullmatch(haystack, end, index))):
            return True
    return False


def _handed(names, haystack, index, length, spaced, places):
    """Whether the phrase at ``index`` is handed to a service or member one of ``names`` matches (``_WHOSE``)."""
    end = index + length
    whose = _WHOSE_RIGHT_AFTER.match(haystack, end)
    if whose is not None and (name := _name_at(names, haystack, whose.end(), spaced, places)) and not _NAME_DENIED.match(
            haystack, name):
        return True
    for place in range(end, min(end + _HANDED_REST, len(haystack)) + 1):
        if place > end and _HANDED_BREAK.match(haystack, place - 1):
            break
        whose = _WHOSE.match(haystack, place)
        if whose is not None and _whose_name(names, haystack, whose.end(), spaced, places):
            return True
        used = _USED_BY.match(haystack, place)
        if used is not None and (name := _name_at(names, haystack, used.end(), spaced, places)) and _USED.match(
                haystack, name):
            return True
    name = _name_at(names, haystack, end, spaced, places)
    if name and (_COMPARED.match(haystack, name) or haystack.endswith(_COMPARED_BEFORE, 0, index)):
        return True
    # an English word between an article and the name describes it: "replaces the legacy Classic Load Balancer"
    # (not "newer than ALB")
    if name and places is not None and haystack[end - 1].isascii() and haystack[end - 1].isalpha() and (
            spaced[places[end - 1] + 1:places[end]].isspace()) and _ARTICLE_BEFORE.search(spaced, 0, places[index]):
        return True
    if places is None:
        return False
    # English: "use X" in the phrase's clause, "use" a word of its own
    clause = _CLAUSE_END.split(spaced[:places[index]])[-1]
    found = _CLAUSE_END.search(spaced, places[end - 1] + 1) if end < len(places) else None
    start = bisect.bisect_left(places, places[index] - len(clause))
    stop = bisect.bisect_left(places, found.start()) if found else len(haystack)
    denials = list(_USE_DENIED.finditer(spaced, places[start], places[stop - 1] + 1)) if stop > start else []
    denied_at = [denial.start() for denial in denials]
    for use in _USE.finditer(haystack, start, stop):
        word_start = places[use.start()]
        if word_start > 0 and spaced[word_start - 1].isalnum():
            continue
        # a denial between the phrase (or the clause's start, "use" coming first) and "use"
        first = bisect.bisect_left(denied_at, places[end - 1] + 1 if use.start() >= end else places[start])
        if first < len(denials) and denials[first].end() <= word_start:
            continue
        if any(haystack.startswith(rest, use.end())
               and _name_at(names, haystack, use.end() + len(rest), spaced, places) for rest in _USE_REST):
            return True
    return False


def _said_of_other(names, haystack, index, length, spaced, places):
    """Whether the phrase at ``index`` is said of another member of ``names`` too, or instead (``_OTHER_AFTER``)."""
    start, end = _around(_SENTENCE_BREAK, haystack, index, length)
    sentence = spaced[places[start]:places[end - 1] + 1] if places is not None and end > start else haystack[start:end]
    both = _BOTH.search(sentence) is not None
    for name in names.finditer(haystack, start, end):
        name_end = _name_at(names, haystack, name.start(), spaced, places)
        if not name_end or name_end != name.end():
            continue
        if both or _OTHER_AFTER.match(haystack, name_end):
            return True
        if places is not None and (_OTHER_AFTER_EN.match(spaced, places[name_end - 1] + 1)
                                   or _OTHER_BEFORE_EN.search(spaced, max(0, places[name.start()] - 20), places[name.start()])):
            return True
    return False


def _whose_name(names, haystack, at, spaced, places):
    """Whether a topic particle or copula before ``at`` gives the value to a name of ``names``: one at ``at`` not
    denied nor compared right after it, or one after a name denied there ("Rolling ではなく Rolling with additional
    batch")."""
    name = _name_at(names, haystack, at, spaced, places)
    if name and not (_NAME_DENIED.match(haystack, name) or _COMPARED.match(haystack, name)):
        return True
    denied = _DENIED_NAME.match(haystack, at)
    return denied is not None and bool(_name_at(names, haystack, denied.end(), spaced, places))


def _name_at(names, haystack, at, spaced, places):
    """Where a name of ``names`` at ``at`` ends (0 when none): a name in Latin script is a whole word in the text as
    written ("sources to unpack", not "filesystem" for "files")."""
    name = names.match(haystack, at)
    if name is None:
        return 0
    last = name.group()[-1]
    if last.isascii() and last.isalnum():
        if places is not None:
            after = places[name.end() - 1] + 1
            if after < len(spaced) and spaced[after].isascii() and spaced[after].isalnum():
                return 0
        elif name.end() < len(haystack) and haystack[name.end()].isascii() and haystack[name.end()].isalnum():
            return 0
    return name.end()


def _negated_earlier(before):
    """Whether English words before a phrase, in its clause, negate it."""
    clause = _CLAUSE_END.split(before)[-1]
    negated = bool(clause) and _NEGATED_EARLIER.search(clause) is not None
    # "lacks path-based routing" denies it, "does not lack path-based routing" does not (a value's ``negated`` reads it)
    return not negated if _LACK.search(clause) else negated


def load_lexicon(path=None):
    if path is None:
        return _default()
    with open(path, encoding="utf-8") as handle:
        return Lexicon(yaml.safe_load(handle) or {})


@lru_cache(maxsize=1)
def _default():
    return load_lexicon(LEXICON_PATH)
