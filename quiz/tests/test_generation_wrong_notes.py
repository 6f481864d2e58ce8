"""Learners' notes with mistakes, beside the seeds: a wrong line is corrected (or, against another note, a
conflict), never asked nor cited as evidence; a right line the generator once misread is not corrected."""

from pathlib import Path

import pytest

from quiz.generation.lexicon import load_lexicon
from quiz.generation.pipeline import generate
from quiz.generation.sources import sections_from_paths, sections_from_text

SEEDS = sorted((Path(__file__).resolve().parents[2] / "fixtures" / "notes").glob("*.txt"))

JA = """# DVA 模試 復習

## 12. Elastic Beanstalk デプロイポリシー

- ![policies](C:\\Users\\taro\\Pictures\\eb-policies.png)
- デプロイポリシー：
  - All at once（一度にすべて）：全インスタンスに同時にデプロイするポリシー。
    - ダウンタイムなし
  - Rolling（ローリング）：バッチサイズごとにデプロイを進めるポリシー。
    - キャパシティが減らない
    - Rolling はキャパシティを維持できない
  - Immutable（イミュータブル）：既存インスタンスを更新してデプロイするポリシー。
    - ダウンタイムが発生することはない

## ○ロードバランサー

- Network Load Balancer(NLB)：L4 ロードバランサー
  - NLB は静的IPを持てない
  - NLB は固定IPアドレスを持つことができない

## ○Route 53

- アクティブ/パッシブ (フェイルオーバー):
  - すべてのレコードに均等にトラフィックを振り分けるルーティング。ヘルスチェックは使えない。

## ○S3

- Amazon S3 Transfer Acceleration: S3 バケットを別リージョンに自動でレプリケーションする機能
- S3 はブロックストレージで、EC2 にマウントして使う

## デプロイ戦略

- カナリアリリース：最初に全ユーザーに新バージョンを出して、問題があれば戻す
- ローリングデプロイ：新しいインスタンス一式を作ってから一度に切り替える
"""

LAMBDA = """#Lambda 復習（模試でまちがえたところ）
##呼び出しタイプ
非同期呼び出し：自動で3回までリトライされ、その後破棄
##リトライ
同期呼び出し：失敗すると自動で２回リトライされる
非同期呼び出しは合計3回実行される（最初の1回＋リトライ2回）
## 同時実行数
セーフガード：10000で制限
セーフガードを超えた場合はスロットリングエラー（エラーコード503)
"""

KO = """## 배포 전략 복습

1. 블루그린 배포

- 두 개의 동일한 프로덕션 환경을 사용
- 다운타임이 발생하지 않음

2. 빅뱅 배포

- 다운타임 없음

#### Elastic Beanstalk 배포 정책

- All at once: 다운타임이 발생하지 않는다
- Rolling: 다운타임이 발생하지 않는다
- Immutable: 기존 인스턴스를 업데이트

#### Lambda

- 비동기 호출: 실패하면 자동으로 3번 재시도한 후 폐기
- 기본 동시 실행 한도: 리전당 10000
- 한도를 넘으면 스로틀링 오류 (HTTP 503)

#### ELB

- NLB: L4 로드 밸런서
- NLB 는 고정 IP 주소를 가질 수 없음
"""

# Other words for the same kind of mistakes.
OTHER_WORDS = """# 直前チェック（自分用）

## EB
- デプロイポリシー:
  - Rolling：処理能力は落ちない
  - Immutable：今あるインスタンスにそのままデプロイ
  - Traffic splitting：全トラフィックを一度に新バージョンへ切り替える

## ロードバランサー
- Network Load Balancer(NLB)：HTTPヘッダーを見てルーティングできる
- Application Load Balancer(ALB)：UDP にも対応

## Lambda
非同期呼び出し：リトライは3回
API Gateway：スロットリング時は 503 を返す

## X-Ray
- X-Ray：API の呼び出し履歴を監査するサービス
"""

# The same quota with a thousands separator, as the Lambda console writes it: right, not "1".
RIGHT_QUOTA = "#Lambda\n## 同時実行数\nセーフガード：１，０００で制限\n"

WRONG = [  # what the AWS documentation contradicts: corrected on its section
    "ダウンタイムなし", "キャパシティが減らない", "既存インスタンスを更新してデプロイ", "静的IPを持てない",
    "固定IPアドレスを持つことができない", "均等にトラフィックを振り分ける", "別リージョンに自動でレプリケーション",
    "ブロックストレージ", "最初に全ユーザー", "作ってから一度に切り替える", "自動で3回までリトライ", "自動で２回リトライ",
    "10000で制限", "エラーコード503", "All at once: 다운타임이 발생하지 않는다", "기존 인스턴스를 업데이트",
    "3번 재시도", "리전당 10000", "HTTP 503", "고정 IP 주소를 가질 수 없음",
    "処理能力は落ちない", "今あるインスタンスにそのまま", "全トラフィックを一度に", "HTTPヘッダーを見て", "UDP にも対応",
    "リトライは3回", "503 を返す", "呼び出し履歴を監査",
]
CONFLICTING = ["다운타임 없음"]  # big bang without downtime, against 003's "시스템을 일시 중지"
RIGHT = [  # right, in words the generator used to misread: not corrected
    "キャパシティを維持できない", "ダウンタイムが発生することはない", "Rolling: 다운타임이 발생하지 않는다",
    "合計3回実行される", "１，０００で制限",
]


@pytest.fixture(scope="module")
def result():
    sections = sections_from_paths(SEEDS)
    for name, text in (("wrong_ja.md", JA), ("wrong_lambda.md", LAMBDA), ("wrong_ko.md", KO),
                       ("other_words.md", OTHER_WORDS), ("right_quota.md", RIGHT_QUOTA)):
        sections += sections_from_text(name, text, first_id=len(sections) + 1)
    return generate(sections)


def values(text, family):
    return {(m.attribute, m.value) for m in load_lexicon().match(text, family)}


def test_a_negated_phrase_states_the_opposite_value_or_nothing():
    assert values("ダウンタイムが発生することはない", "eb-deployment-policies") == {("downtime", "no")}
    assert values("Rolling: 다운타임이 발생하지 않는다", "eb-deployment-policies") == {("downtime", "no")}
    assert values("NLB は固定IPアドレスを持つことができない", "elb-types") == {("static_ip", "no")}
    assert values("NLB は静的IPを持てない", "elb-types") == {("static_ip", "no")}
    assert values("NLB 는 고정 IP 주소를 가질 수 없음", "elb-types") == {("static_ip", "no")}
    assert values("NLB は固定 IP アドレスを持つため", "elb-types") == {("static_ip", "yes")}
    assert values("ALB は UDP 非対応", "elb-types") == {("udp", "no")}
    assert values("バッチサイズずつデプロイ", "eb-deployment-policies") == {("batches", "yes")}  # ずつ: not ず
    assert values("S3 はブロックストレージではなくオブジェクトストレージ", "aws-services") == {("storage_type", "object")}
    # "capacity is not kept" is not one value: nothing is read from it
    assert values("Rolling はキャパシティを維持できない", "eb-deployment-policies") == set()
    # the seed's Immutable line: "never updates the existing instances, uses new ones"
    assert values("既存インスタンスを更新せず、新規インスタンスを利用してデプロイするポリシー。",
                  "eb-deployment-policies") == {("new_instances", "full_set")}
    assert values("既存インスタンスを更新してデプロイするポリシー。", "eb-deployment-policies") == {
        ("new_instances", "none")}


def test_no_question_asks_or_cites_a_wrong_line(result):
    for question in result.questions:
        shown = [*question["stem"].values(), *(o["text"] for o in question["options"])]
        quoted = [source["quote"] for source in question["sources"]]
        for wrong in WRONG + CONFLICTING:
            assert not any(wrong in text for text in shown + quoted), (wrong, question["stem"])


def test_every_wrong_line_is_corrected_in_three_languages(result):
    corrected = {c["claim"]: c for c in result.corrections}
    for wrong in WRONG:
        found = [c for claim, c in corrected.items() if wrong in claim]
        assert found, wrong
        assert set(found[0]["correction"]) == {"ja", "ko", "en"}, wrong
        url = found[0]["reference_url"]
        assert url.startswith(("https://docs.aws.amazon.com/", "https://aws.amazon.com/")), wrong


def test_a_right_line_is_not_corrected(result):
    for right in RIGHT:
        assert not [c["claim"] for c in result.corrections if right in c["claim"]], right


def test_a_note_against_another_note_is_a_conflict_not_a_correction(result):
    conflict = next(i for i in result.issues if i["kind"] == "conflict" and i["member"] == "big-bang")
    assert conflict["attribute"] == "downtime"
    assert {w["file"] for group in conflict["details"]["values"].values() for w in group} == {
        "003_6b61433879e3e902.txt", "wrong_ko.md"}


def test_a_correction_says_what_the_documentation_says_in_the_learners_words(result):
    immutable = next(c for c in result.corrections if "既存インスタンスを更新してデプロイ" in c["claim"])
    assert immutable["correction"] == {
        "ja": "AWS ドキュメントでは、Immutable は「新しいインスタンス一式にデプロイする」とされています。",
        "ko": "AWS 문서에는 Immutable에 대해 '새 인스턴스 한 세트에 배포한다'라고 되어 있습니다.",
        "en": ("According to the AWS documentation, Immutable is known to deploy to a full set of "
               "new instances."),
    }


def test_no_phrase_of_the_lexicon_keeps_its_value_when_negated():
    lexicon = load_lexicon()
    for phrase, attribute, value, families, *_ in lexicon.entries:
        for family in families:
            assert (attribute, value) not in values(phrase + "ことはない", family), phrase
