"""Question generation: from note sections to checked multiple-choice questions.

Pure functions (no database) in ``claims``, ``lexicon``, ``reference``, ``families``,
``scenarios``, ``templates``, ``validator``; ``pipeline`` ties them together and is the
only module that reads and writes rows. See docs/QUESTIONS.md.
"""

# 1.98: round 49 (right lines): "archive is extracted" is timing, not unpacking; "0、1、2" and "10,000/5,000" state no value;
#       "とは関係ない"/"different from" deny; a clause of another service is its own; denied delivery; failure impacts.
# 1.97: round 48: All at once fails for all users, rolling deployment exposes a first batch, GWLB takes all IP packets, polling
#       gets the result to its poller (documentation values); a "choose two" statement shown alike is one statement.
# 1.96: round 47: wrong definitions of X-Ray, its daemon, AppSync, API Gateway, S3 Transfer Acceleration, DeletionPolicy: Retain,
#       ECS Spot draining, the Lambda context/handler/layer/logs and saved configurations are corrected, not asked.
# 1.95: round 46: "上限を超えると 429" is no quota, "２回以上"/"最低 2 分" no value, "0 回にもできる" no default, packages/services
#       definitions read for runs_commands (Resources and option_settings run none), S3/failover/MSK definitions corrected.
# 1.94: round 45: "Q." questions, "said but wrong", a verdict after "→", <del>/<s>/~…~, a bracket aside or "より"/"보다"
#       naming another member, "respectively", "5分→15分" and "３回、ではなく２回" are no statement of the line's member.
# 1.93: wrong round 44 (ko): "롤링은"/"빅뱅이" name their member, 못 denies, "…인 듯"/"…것 같음" are unsure, "·"/"ㄴ" bullets.
# 1.92: a bare "O"/"X" is a verdict mark only in brackets, before a colon or after a sentence's end; links may hold ( ) or a title.
# 1.91: wrong round 43: a line titling a nested member, a <summary> naming one, inline HTML, "3-2."/"第3章" headings.
# 1.90: wrong round 42: the ELB deregistration delay fact, "（Kinesis / DynamoDB Streams）" headings, English run time.
# 1.89: a forty-second round of right lines: "…を更新するのではなく、…" / "…のではない" deny their phrase (a right Immutable,
#       canary or All at once line was corrected), a bracket naming the line it calls wrong ("（←以前の説明は間違い、実際は
#       減る）", "(← 이전 설명은 틀림, …)") withdraws it, and a "choose two" option shows no verdict mark ("ダウンタイムあり ⭕").
# 1.88: a forty-first round (the other families): an archive named with when it is extracted is the application version's
#       ("アーカイブ展開後に実行"), all traffic moved at once is a big bang's too, "worker environment" and "Transfer
#       Acceleration" name their members.
# 1.87: a definition quotes a line without its verdict mark ("static IP ⭕"), ja/ko .ebextensions "choose two" ask which keys
#       ("…キーはどれですか？2 つ選んでください。"), CLB is "旧世代の製品", and "実行時間は最大5分" is read as Lambda's timeout.
# 1.86: an option-explanation pass, no question changed: scenario and wrong-term options say 正解/誤り first, a wrong one its
#       reason before what it rules out; a definition's option names its member once and a wrong one the answer.
# 1.85: Blue/Green's full set of new instances is a fact; a line in a trait it denies is not quoted beside a key with it.
# 1.84: a fortieth round (names and marks written differently): a count of attempts before the word for retry ("計3回実行で
#       リトライは2回", "1回実行でリトライなし") is no retry count; "≠" and "👎" deny the line, "👍" is a verdict like "⭕", "="
#       makes a clause's member its topic ("Rolling = なし、All at once = あり"), and a link reads as its text.
# 1.83: a third language pass, no question changed: ja/ko .ebextensions stems say what the key does before it ("…を展開する
#       キーが必要です", "…압축을 푸는 키가 필요합니다"; was "必要なキーは、…展開します"), ko deployment observations say 배포 once.
# 1.82: a thirty-ninth round (what the thirty-eighth read for nothing): "ダウンタイムあり", "パスベースルーティングができない", "고정 IP를
#       못 가진다", "고정 IP가 없다", "以前は…、今は…" (the present clause), a count under "### 同期呼び出し" are read and corrected.
# 1.81: a thirty-eighth round (Q&A, "not A but B", self-corrections): "Immutable ではなく Rolling が…", "ALB가 아니라 NLB가…",
#       "Not Rolling but Immutable…" are the second member's (were the first's); "（←間違い）", "(wrong! …)" deny the line;
#       "…이 안 된다" negates ("경로 기반 라우팅은 안 된다" was a route by URL).
# 1.80: a thirty-seventh round ("choose two" and "which does NOT" on ELB, EB policies, Lambda, the X-Ray daemon): "고정 IP를
#       가진다" (ALB) and "Capacity is maintained" (All at once) are read and corrected (were not read at all).
# 1.79: a line under "### Immutable" set apart from another member ("All at once と違って、…", "올 앳 원스와 달리 …") is
#       the heading's, not that member's (was its evidence and a scenario's clue); a paragraph after a blank line
#       below a numbered list is not its last member's; "**All at once**" on its own line titles the lines after it.
# 1.78: a bullet after a numbered list ("3. Immutable：…" / "- ダウンタイムが発生する") is the heading's, not the last
#       numbered definition's; only a bullet indented to the item's text is its (was corrected as Immutable's).
# 1.77: a thirty-fourth round of right lines, on structure: "…を更新する代わりに", "…를 업데이트하는 대신" deny the phrase
#       (Immutable's right line was corrected); a table cell's mark is read after its header's name, not its qualifier
#       ("| Static IP per AZ | no |": ALB's right "no" was read as a static IP).
# 1.76: the asynchronous retry count said with what Lambda retries ("Lambda retries it five times", "retries failed
#       events three times", "retries the event twice") is read, not a client's, an SDK's or a caller's count.
# 1.75: a thirty-third round, on structure: lines under a sub-heading naming another member ("ALB / NLB との違い / …")
#       state nothing (were corrected as the member above's); a table's members' column need not come first; "✓", "可",
#       "不可" cells; a numbered "1. All at once：…" is a definition; a Korean line ending in "…때문에" goes on on the next.
# 1.74: "choose two" statements are asked in their line's language, as definitions are (an English line of a Japanese
#       note was an option of a Japanese question); "neither the caller nor Lambda retries" denies it of each (was asked
#       as the asynchronous invocation's definition), and is corrected.
# 1.73: a second language pass, no question changed: ko "대기열" (SQS, DLQ "배달 못한 편지 대기열") as AWS's Korean docs,
#       ko traits in the noun form -ㅁ/음 like observations (quoted with 이라고 after a final consonant), ja deployment
#       observations without デプロイ after "このデプロイでは、", a distractor's own trait no longer after its name again.
# 1.72: a thirty-second round (English lines, in English notes and in Korean and Japanese ones): a definition is asked in
#       its line's language ("NLB: layer 4, …" in a Korean note was quoted in a Korean stem); "won't be retried",
#       "isn't retried" are read; the X-Ray daemon's port (2000) is checked; "no more than"/"at most"/"up to" before a
#       retry count or a timeout and "a five-minute notice before interruption" are read.
# 1.71: a thirty-first round of right lines: "no retry" said of the caller ("非同期呼び出し：呼び出し元はリトライしない",
#       "호출자가 재시도하지 않는다", "the caller does not retry") states nothing of the asynchronous invocation, whose Lambda
#       retries (a bracket after the phrase is an aside); a number said to be what was before now ("5TB 였지만 지금은 50TB",
#       "5TB だったが、今は 50TB") is not read.
# 1.70: a native speaker's pass on ja/ko wording, no question changed: ko "구성 파일" (AWS's Korean docs) for
#       .ebextensions files, explanations say 正解/정답 (not 答え/답), ja deployment scenarios say "このデプロイでは、".
# 1.69: a thirtieth round (hedges, likened members, numbers): "…するわけではない"/"…で使うわけではない" hedge the clause's phrase
#       (and a number before "を返すわけではない"); a count after "非同期呼び出しのように" is the synchronous one's; "재시도하지는 않는다",
#       "does not actually retry" are read; a definition with an unconfirmed size, rate or status is not asked.
# 1.68: facts for the seeds' note-only scenario clues and "choose two" statements (Immutable's and Traffic splitting's
#       mixed versions, Immutable's capacity, Traffic splitting's failure impact, Big bang's downtime and rollout, a
#       stream's per-shard concurrency): a wrong line on them is corrected, not only a conflict.
# 1.67: a twenty-ninth round on term -> definition questions: a stream's or a queue's poller waits for the function's
#       response (facts), so "呼び出し元がレスポンスを待つ" (now read) offers no polling member as wrong.
# 1.66: a twenty-eighth round on scenarios: facts where a wrong note value had none to be checked against and became a
#       clue or a distractor's evidence (CLB's and GWLB's content routing, GWLB's UDP, Immutable's batches, Blue/Green's
#       downtime and rollback).
# 1.65: a twenty-eighth round of right lines: a synchronous invocation a line compares with ("비동기 호출은 동기 호출과 달리
#       2번 재시도") is given no retries, and a line going on to another member after a conjunctive ending ("ALB 는 7계층이고
#       NLB 는 4계층", "…이지만", "ALB は L7 で NLB は L4", "ALB is layer 7 and NLB is layer 4") states nothing of either,
#       as after a comma.
# 1.64: a twenty-seventh round against 1.60-1.63: "X-Ray デーモン：TCP 2000 で待ち受けてセグメント…" is segments over TCP
#       (was asked), a definition likening its member to another ("非同期呼び出しのように…") is not asked, "(is) used to"
#       and "예전에는 몰랐는데…" are no past, the same words said again of now are read, "不要"/"필요 없다"/"no need to"
#       state nothing (not "none"), "…하는 방식이 아니다", "…する方式ではない" negate.
# 1.63: a phrase said of the past ("以前は", "예전에는", "used to"), compared with ("Blue/Green と違って", "unlike"), after
#       another's name ("Kinesis のシャード数", "packages での…", "the legacy CLB") or given by CloudTrail ("…ので監査") states
#       nothing of the line's member; bucket configurations are eventually consistent; more negations ("…にはしない",
#       "は不要", "ではありません", "아니다", "…는 하지 않는다", "no need to").
# 1.62: a phrase says no more than its words: "「ファイルシステムとしては」…フォルダーという概念はない" (seed 001) is no file
#       storage said of S3, no longer corrected; Mountpoint, File Gateway, MaximumRetryAttempts and leader_only give
#       what a line says under them (``provided_by``).
# 1.61: a twenty-sixth round (outdated limits in tables): "레이어 4/7/3" is a layer, "X-Ray 데몬" names the daemon, and
#       "TCP 포트 2000 에서 세그먼트" is read; "TCP ポート 2000 で待ち受ける" is right (the daemon's X-Ray API proxy), no
#       longer corrected.
# 1.60: a definition in a trait the documentation gives another member and says nothing of for the definition's member
#       is not asked, even where no member is denied it (``describes_another``: Immutable's temporary Auto Scaling group
#       said of Rolling).
# 1.59: a twenty-fifth round of right lines: a number that opens a range ("재시도 횟수는 0~2", "0 to 2") is no count.
# 1.58: a twenty-fifth round, on definitions: a neighbour's ``tells`` point at it ("可視性タイムアウト" at SQS, "ストレージ
#       クラス" at S3 Lifecycle), so a definition using one is not asked beside it; a layer's code sharing, X-Ray's API
#       set, AppSync's GraphQL and invocation responses are facts; "シャードからの読み込みをしない", "HTTP 요청을 받아" are read.
# 1.57: a twenty-fourth round: MSK scales by partitions (not shards), S3 Transfer Acceleration copying "to another Region"
#       and a canary in equal steps (linear) are corrected, "카나리 배포" is the canary, "재시도 횟수는 최대 3번" is read, and a
#       throttling status under an API Gateway heading is API Gateway's, not Lambda's.
# 1.56: an English table's yes/no cells are read as O/X marks; "capacity reduced/kept/maintained/full" are phrases.
# 1.55: wording: "layers 4 and 7", a numeric key's citation before its stop, reasons with their own semicolon a
#       sentence of their own, the spot-notice stem's situation first, a wrong definition option quotes its member's
#       line in the question's language first.
# 1.54: wording: a scenario key quotes the observations it meets, quoted lines cut at a sentence or clause, no space
#       around a Japanese name, "the description in the question", English choose-two stems name the family's plural.
# 1.53: a noun denied after を/に/를 ("UDP を使えない", "DLQ를 사용하지 않는다", "DLQ を使わない") is negated; "だけど" (but),
#       "だけじゃない" and "뿐만 아니라" (not only) say no "only" (a right-notes round, the twenty-third).
# 1.52: a line the learner withdrew ("~~…~~" whole, "NG:", "誤：", "틀림:" before it) states nothing, nor do its bullets;
#       a verdict calling it right ("✅", "⭕", "正：", "맞음:", "OK:") is taken off and the line read as written.
# 1.51: a bare DLQ line under an invocation heading is read (and corrected under the synchronous one); "only" beside one
#       of several documented values is corrected and is no statement; a noun its verb denies is negated.
# 1.49: a definition holding a count or a time ("2회", "5分", "6 hours") no reference number confirmed is not asked.
# 1.48: a twentieth round, on numbers: a number asked about ("429? 아니, 503") or set as a condition ("0회로 설정하면")
#       states nothing, one the learner took back ("2分前と思っていたが") is denied, a per-minute rate is not per second,
#       and a line calling a default quota fixed (or a fixed number raisable) is no evidence (``adjustable``).
# 1.47: a nineteenth round (English shorthand, shapes combined, values told as a story): a value said of another member
#       too or instead ("same as ALB", "both ALB and NLB", "only NLB", "All at once でも", "Rolling にしたら") states
#       nothing of the line's; "neither … nor", "rather than", "instead of" deny; a phrase asked ("…? -> NO") or excepted
#       states nothing; "…したくて" is a wish; "2 retries, then discarded" is read (and corrected for a stream).
# 1.46: an eighteenth round against 1.41-1.45's relaxations: a name handed to is not the start of the line's own longer
#       name, nor denied ("CloudTrail ではなく X-Ray で") or compared, and a denied name hands on to the next; "use"
#       denied is no hand-off; a part likened to ("セカンダリ同様") is no subject; a line with words set aside or saying
#       less than its member's value ("CLB: layer 4 only") is no definition, and only a line giving all of a member's
#       several values is evidence of them.
# 1.45: a value handed to another member of the family or a service giving it, named after its phrase in its clause
#       ("アーカイブの展開は sources で", "…のはビッグバン", "旧世代の CLB より", "use CloudTrail for …", "감사는 CloudTrail로"),
#       is that one's (``Reference.others_named``); "…は DLQ に送られない" is negated; "ALB より新しい/古い" read.
# 1.44: words said of a part they are true of state nothing of the member (lexicon ``said_of``: a secondary record's
#       optional health check, the SDK's retries); neither does a need ("UDP が必要なら NLB"), a condition that something
#       is not set ("指定しないと…") or "…とは別物"; canary keeps one or two environments (traffic splitting, weighted alias).
# 1.43: a round of right notes: じゃない negates, a negation after a word's rest counts, "the audit is CloudTrail" is
#       CloudTrail's, a dash or N/A cell states nothing.
# 1.42: words the AWS documentation makes true of a member are no correction of it: "新規インスタンスを利用して" and
#       "キャパシティが一時的に増える" of Rolling with additional batch, "リトライされ、その後破棄" of a stream or a queue,
#       "破棄されて次" of the asynchronous invocation, a stream's skipping under a setting that gives it; a member's
#       documented values given by notes ("CLB：L4 と L7") are no conflict, and one alone does not deny it the others.
# 1.41: checking honours a phrase's ``also_describes`` and a value's ``satisfied_by``: words true of a member ("デプロイ処理前に"
#       of container_commands, "既存インスタンスを更新" of Rolling with additional batch, "デプロイに時間がかかる" of Rolling,
#       "キャパシティを維持" of Traffic splitting) are no correction and no conflict with a line saying more.
# 1.40: 「デプロイ処理前に」 also describes container_commands (after extraction, before the deploy).
# 1.39: a number is read in its name's clause ("同期呼び出し：リトライなし、2回リトライは非同期" is right), not past the
#       other invocation type, nor a throttling code or a burst in the next clause; a correction of a table's cell, a
#       footnote or a comparison quotes the line as written (``Claim.written``); a table with the members across its
#       header is read by column.
# 1.38: shapes read as nothing (a sixteenth round): a comparison's clauses ("ALB vs NLB: ALBは固定IPを持つ"), a footnote's
#       body and a table's rows (first cell, header + cell) are checked, corrected when wrong, never asked nor cited and
#       no party to a conflict (``Claim.guessed``); "재시도 삼 번", "최대 오 분" (one hangul digit before a spaced
#       counter, not 이/일); Lambda's synchronous retry count after the word for retry ("재시도 두 번", "リトライ二回").
# 1.37: casual Korean notes (a fifteenth round): O/X and ㅇ/ㄴ marks after a noun ("다운타임 X", "고정 IP O"), a lecturer
#       quoted ("강사님 왈: …"), lines marked unsure ("(맞나?)", "(확인 필요)") checked but never asked nor cited, "만 오천"
#       and "0.5만", 롤링 위드 배치, 카나리, 에이피아이 게이트웨이; a run of digits no longer stalls or stops generation.
# 1.36: English shorthand (a fourteenth round): "w/o downtime", "no capacity loss", "10k rps", "burst 5k", "15m",
#       "async … retried", "throttled → HTTP 503"; "static IP を持てない"; a line naming the service first is read under a
#       heading naming its variant, and API Gateway's throttling status is not read under a Lambda heading.
# 1.32: "X 이란 잘못된 …" (a definition's topic marker before a word for wrong) is not a refutation.
# 1.31: a task list's ticked box ("- [X] …") is dropped, not read as "(X)"; a provider named after the phrase counts
#       only in its clause ("… and works well with Global Accelerator" is no condition).
# 1.30: a claim refuted in words ("…というのは誤り", "…라는 설명은 틀렸다", "It is a myth that …") is withdrawn; a statement
#       under a condition naming the service that gives it ("Global Accelerator を使えば") states nothing; ``elsewhere``
#       holds only for numbers said of the variant, not for a line contrasting it ("Lambda@Edge と違い Lambda は …").
# 1.29: right lines that looked wrong (a twelfth round): "発生しなくはない" is a hedge; a statement under an "only"
#       condition ("場合のみ", "경우에만", "only with") and a line that excepts a member ("All at once を除き") state
#       nothing of it; a claim quoted to refute it ("「…」は誤り") is withdrawn; Lambda@Edge, reserved concurrency, an API
#       Gateway stage or usage plan and a single PUT are ``elsewhere`` for the default limits.
# 1.28: lines about a new AWS account's (reduced) Lambda concurrency quota are not corrected to 1,000 (``elsewhere``).
# 1.27: Lambda's 900-second timeout and 10,240 MB are Lambda (default)'s: lines about Lambda Managed Instances (and
#       durable functions' timeouts) are not read for them (a currency audit of every reference fact).
# 1.26: S3's largest object is 50 TB since December 2025 (was 5 TB): notes saying 5 TB are corrected.
# 1.25: English negation a few words ahead of its phrase, in its clause ("doesn't support a static IP"); English number
#       words ("three times", "twice") are read; "固定IPは持てない" reads; more English number patterns (an eleventh round).
# 1.24: only packages installs packages and only sources unpacks an archive (AWS facts on the other keys): two
#       .ebextensions scenarios; the "no" traits of those attributes fit every key they are said of.
# 1.22: All at once's capacity drops (its whole fleet is out of service); a masked definition needs eight characters
#       beside its mask; Exceptions and routing-config say what they are where offered (an expert review).
# 1.20: an alias that is also an everyday phrase (``phrase_aliases``: 한 번에 모두, 一度にすべて) names its member only
#       where a line uses it as a name; the nearest heading that names a service decides whether a section is another
#       service's deployments ("EB と ECS のデプロイ比較 › ECS").
# 1.19: a whole name is read before its parts; a list of members names none; generic words are no member's.
# 1.18: a name in brackets after another concept's name is an aside, not the subject ("X-Ray 샘플링 (API Gateway)");
#       outdated limits are corrected (Lambda's timeout as 제한 시간, /tmp, MSK Serverless, CLB "recommended", S3
#       "최종적 일관성"); an API Gateway integration timeout is not Lambda's, X-Ray sampling not API Gateway's rate.
# 1.17: struck text, HTML comments, lines marked wrong (❌ ×) and table rows state nothing; a line comparing two
#       members is read for neither; a bullet naming another member as its topic is that member's (a seventh round).
# 1.16: scenario stems in whole sentences (합니다체, です/ます), the situation first, then the question.
# 1.15: a hedged statement (〜わけではない, 〜とは限らない, ~는 것은 아니다) states nothing; numbers in kanji or hangul,
#       in hours or GB, and numbers a note denies ("2분이 아니라", "429 ではない") are read; more wrong notes corrected
#       (a sixth round: tiers, .ebextensions, Lambda callers, Route 53 health checks, S3, API Gateway).
# 1.14: a fact's correction text is shown only for its own members; more wrong notes corrected (lexicon phrases and
#       facts: Elastic Beanstalk policies and deployment strategies in new words, Immutable's temporary Auto Scaling
#       group, Blue/Green not a policy, NLB's Elastic IP, CLB's generation, a DLQ's targets, S3's consistency).
# 1.11: "choose two" options state different facts (validator ``repeated_statement``); wrong notes on
#       Lambda, .ebextensions, environment tiers, the X-Ray daemon, Route 53, S3, MSK, API Gateway and ECS
#       Spot notices are corrected (lexicon phrases, facts, numbers with section anchors); a definition with
#       too little left beside its mask is not asked.
# 1.10: a definition that points at a distractor (its tells, a distinctive word of its AWS description) does
#       not offer it; families with ``read_definitions`` ask only definitions the lexicon reads a value from.
# 1.9: a negated phrase does not state its value (lexicon ``negated``); corrections in ja/ko/en from the lexicon.
# 1.3: a false statement refuted by the reference says "the AWS documentation", not "the notes".
# 1.2: statements mean what they say (lexicon satisfied_by/unclear_for), choose-two scenarios.
GENERATOR_VERSION = "gen-1.98"
