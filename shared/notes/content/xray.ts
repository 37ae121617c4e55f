/** Observability: CloudTrail versus X-Ray versus CloudWatch, and the X-Ray ideas the trace views show. */
/* eslint-disable max-lines -- study-note content (text, not logic), one file per exam topic. */
import type { NoteSource } from '../types.ts';

const XRAY = 'https://docs.aws.amazon.com/xray/latest/devguide';

/** Notes on CloudTrail and X-Ray (segments, annotations, sampling, daemon, SDKs, status, groups). */
export const XRAY_NOTES: NoteSource[] = [
  {
    id: 'cloudtrail-xray-cloudwatch',
    sample: 'xray-service-graph',
    topics: ['cloudtrail-xray', 'cloudwatch'],
    attachesTo: [
      { on: 'xray' },
      { on: 'state', service: ['cloudtrail'] },
      { on: 'state', service: ['xray'], related: true },
    ],
    links: [
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-user-guide.html',
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/view-cloudtrail-events.html',
      `${XRAY}/aws-xray.html`,
      'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/WhatIsCloudWatch.html',
    ],
    checked: '2026-12-06',
    examples: [],
    corrections: [
      {
        claim: {
          en: '"CloudTail" records account activity.',
          ko: '"CloudTail"이 계정 활동을 기록한다.',
        },
        fact: {
          en: 'The service is AWS CloudTrail.',
          ko: '서비스 이름은 AWS CloudTrail입니다.',
        },
        source: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-user-guide.html',
      },
    ],
    text: {
      en: {
        title: 'CloudTrail, X-Ray or CloudWatch?',
        body:
          '- **CloudTrail** answers *who called which AWS API, when, from where*: a record of account activity ' +
          '(console, CLI, SDK, services). Use it for audits and "who deleted this bucket?".\n' +
          '- **X-Ray** answers *what happened inside one request* as it crossed API Gateway, Lambda, DynamoDB and ' +
          'HTTP calls: a trace of timed segments, a trace map and where errors and latency come from.\n' +
          '- **CloudWatch** answers *how is it doing over time*: metrics, logs, alarms and dashboards.',
        keyFacts: [
          'CloudTrail Event history shows 90 days of management events with no set-up; a trail or event data store keeps more and can add data events.',
          'Data events (S3 object reads, Lambda invokes) are not logged unless you enable them.',
          'X-Ray is opt-in per service (active tracing, SDK or OpenTelemetry instrumentation).',
          'Reading traces needs IAM permissions such as xray:GetTraceSummaries and xray:BatchGetTraces (AWSXrayReadOnlyAccess).',
        ],
        examTraps: [
          {
            scenario: 'Security must find out which user changed a security group last Tuesday.',
            answer:
              "CloudTrail: it records the API call with the caller's identity; X-Ray traces application requests, not account changes.",
          },
          {
            scenario: 'Users see slow checkouts and you must find which downstream call adds the latency.',
            answer: "X-Ray: the trace timeline shows each subsegment's duration across services.",
          },
        ],
      },
      ko: {
        title: 'CloudTrail, X-Ray, CloudWatch 중 무엇을?',
        body:
          '- **CloudTrail**은 *누가 어떤 AWS API를 언제 어디서 호출했는지* 답합니다. 콘솔, CLI, SDK, 서비스가 한 계정 활동의 ' +
          '기록이며, 감사나 "이 버킷을 누가 지웠나?"에 씁니다.\n' +
          '- **X-Ray**는 요청 하나가 API Gateway, Lambda, DynamoDB, HTTP 호출을 거치며 *안에서 무슨 일이 있었는지* 답합니다. ' +
          '시간이 찍힌 세그먼트로 이루어진 추적, 추적 맵, 오류와 지연의 출처를 보여 줍니다.\n' +
          '- **CloudWatch**는 *시간에 따라 어떻게 돌아가는지* 답합니다. 지표, 로그, 경보, 대시보드입니다.',
        keyFacts: [
          'CloudTrail 이벤트 기록은 설정 없이 관리 이벤트 90일치를 보여 주며, 추적이나 이벤트 데이터 스토어를 두면 더 오래 보관하고 데이터 이벤트도 더할 수 있습니다.',
          '데이터 이벤트(S3 객체 읽기, Lambda 호출)는 켜지 않으면 기록되지 않습니다.',
          'X-Ray는 서비스마다 켜야 합니다(활성 추적, SDK 또는 OpenTelemetry 계측).',
          '추적을 읽으려면 xray:GetTraceSummaries, xray:BatchGetTraces 같은 IAM 권한(AWSXrayReadOnlyAccess)이 필요합니다.',
        ],
        examTraps: [
          {
            scenario: '보안팀이 지난 화요일에 보안 그룹을 바꾼 사용자를 찾아야 합니다.',
            answer:
              'CloudTrail입니다. 호출자 신원과 함께 API 호출을 기록합니다. X-Ray는 계정 변경이 아니라 애플리케이션 요청을 추적합니다.',
          },
          {
            scenario: '결제가 느리다는 불만이 있고 어느 다운스트림 호출이 지연을 만드는지 찾아야 합니다.',
            answer: 'X-Ray입니다. 추적 타임라인이 서비스 전반에 걸친 하위 세그먼트별 소요 시간을 보여 줍니다.',
          },
        ],
      },
    },
  },
  {
    id: 'xray-segments-subsegments',
    sample: 'xray-api-lambda-dynamodb-s3',
    topics: ['cloudtrail-xray'],
    attachesTo: [
      { on: 'xray' },
      { on: 'xray', namespace: 'aws' },
      { on: 'xray', namespace: 'remote' },
      {
        on: 'xray',
        inferredType: ['AWS::DynamoDB::Table', 'AWS::S3::Bucket', 'AWS::SNS', 'AWS::SQS::Queue', 'AWS::DynamoDB'],
      },
      { on: 'xray', namespace: 'aws', awsService: ['dynamodb', 'sqs', 'sns'] },
    ],
    links: [`${XRAY}/xray-concepts.html`, `${XRAY}/xray-api-segmentdocuments.html`],
    checked: '2026-12-06',
    examples: [
      {
        language: 'json',
        title: { en: 'A minimal segment with one AWS subsegment', ko: 'AWS 하위 세그먼트 하나가 있는 최소 세그먼트' },
        code: `{
  "name": "orders-api",
  "id": "70de5b6f19ff9a0a",
  "trace_id": "1-5f84c7a1-2c7f1e4a9b0c3d2e1f405a6b",
  "start_time": 1602537377.101,
  "end_time": 1602537377.352,
  "origin": "AWS::EC2::Instance",
  "subsegments": [
    {
      "name": "DynamoDB",
      "id": "3f1e0a9c2b7d4e51",
      "namespace": "aws",
      "start_time": 1602537377.150,
      "end_time": 1602537377.301,
      "aws": { "operation": "PutItem", "table_name": "orders" }
    }
  ]
}`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'Traces, segments, subsegments and inferred nodes',
        body:
          'A **trace** is every piece of data for one request, joined by the trace ID carried in the ' +
          '`X-Amzn-Trace-Id` header. Each service that handles the request sends a **segment** (its name, start ' +
          'and end time, HTTP request and response, errors). Inside a segment, **subsegments** time the work it ' +
          'did, especially downstream calls: namespace `aws` for AWS SDK calls and `remote` for other HTTP or SQL ' +
          'calls.\n\n' +
          'A downstream service that sends nothing itself (DynamoDB, S3, an external API) still shows up on the ' +
          "trace map (formerly the service map) as an **inferred segment**, built from the caller's subsegment.",
        keyFacts: [
          'Trace ID format: `1-` + 8 hex digits of epoch seconds + `-` + 24 hex digits.',
          'A segment document can be up to 64 KB; long work can be sent as independent subsegments.',
          '`origin` names the kind of resource that produced a segment (AWS::Lambda::Function, AWS::EC2::Instance…).',
          'Inferred nodes mean the time seen from the caller, network included.',
        ],
        examTraps: [
          {
            scenario: 'A DynamoDB table appears on the X-Ray trace map although nothing was installed for DynamoDB.',
            answer:
              "It is an inferred node built from the instrumented caller's aws-namespace subsegment; DynamoDB does not send segments.",
          },
        ],
      },
      ko: {
        title: '추적, 세그먼트, 하위 세그먼트, 추론된 노드',
        body:
          '**추적**은 요청 하나에 대한 모든 데이터이며 `X-Amzn-Trace-Id` 헤더에 실린 추적 ID로 묶입니다. 요청을 처리한 ' +
          '서비스마다 **세그먼트**(이름, 시작과 끝 시각, HTTP 요청과 응답, 오류)를 보냅니다. 세그먼트 안의 **하위 세그먼트**는 그 ' +
          '서비스가 한 일, 특히 다운스트림 호출의 시간을 잽니다. AWS SDK 호출은 네임스페이스 `aws`, 그 밖의 HTTP나 SQL 호출은 `remote`입니다.\n\n' +
          'DynamoDB, S3, 외부 API처럼 스스로 데이터를 보내지 않는 다운스트림 서비스도 호출자의 하위 세그먼트로 만든 **추론된 세그먼트**로 ' +
          '추적 맵에 나타납니다.',
        keyFacts: [
          '추적 ID 형식: `1-` + 에포크 초 16진수 8자리 + `-` + 16진수 24자리.',
          '세그먼트 문서는 최대 64KB이며, 오래 걸리는 작업은 독립 하위 세그먼트로 나눠 보낼 수 있습니다.',
          '`origin`은 세그먼트를 만든 리소스 종류(AWS::Lambda::Function, AWS::EC2::Instance 등)를 나타냅니다.',
          '추론된 노드의 시간은 호출자가 본 시간이라 네트워크 시간이 포함됩니다.',
        ],
        examTraps: [
          {
            scenario: 'DynamoDB에는 아무것도 설치하지 않았는데 X-Ray 추적 맵에 DynamoDB 테이블이 보입니다.',
            answer:
              '계측된 호출자의 aws 네임스페이스 하위 세그먼트로 만든 추론된 노드입니다. DynamoDB가 세그먼트를 보내는 것은 아닙니다.',
          },
        ],
      },
    },
  },
  {
    id: 'xray-annotations-metadata',
    topics: ['cloudtrail-xray'],
    attachesTo: [{ on: 'xray' }],
    links: [`${XRAY}/xray-concepts.html`, `${XRAY}/xray-api-segmentdocuments.html`],
    checked: '2026-12-06',
    examples: [],
    corrections: [],
    text: {
      en: {
        title: 'Annotations versus metadata, and keeping PII out of traces',
        body:
          '**Annotations** are key-value pairs with string, number or Boolean values that X-Ray **indexes**, so ' +
          'you can search with filter expressions such as `annotation.customer_tier = "gold"` and build groups ' +
          'on them. **Metadata** holds any JSON value but is **not indexed**: it is for details you read once you ' +
          'have found the trace.\n\n' +
          'Traces are visible to anyone with X-Ray read access and are kept for 30 days, so personal data ' +
          '(names, emails, card numbers) does not belong in annotations, metadata, segment names or recorded ' +
          'URLs. Record an internal ID instead, and check what the SDK captures automatically (for example SQL ' +
          'text or query strings).',
        keyFacts: [
          'Up to 50 annotations per trace are indexed.',
          'Annotation keys: letters, digits and underscores only.',
          'Trace data is retained for 30 days.',
          'The user field (`user`) is indexed too; put an opaque ID there, not an email address.',
        ],
        examTraps: [
          {
            scenario: 'Developers must find all traces for a given game ID in the console.',
            answer:
              'Record the game ID as an annotation (indexed); as metadata it could not be used in a filter expression.',
          },
          {
            scenario:
              'An application on EC2 handles PII and is instrumented with the X-Ray SDK; traces must not contain that PII.',
            answer:
              'Instrument the code so only non-personal identifiers are added as annotations or metadata, and do not record request bodies or PII-bearing URLs.',
          },
        ],
      },
      ko: {
        title: '주석과 메타데이터, 그리고 추적에서 개인정보 빼기',
        body:
          '**주석**(annotation)은 문자열·숫자·불리언 값을 갖는 키-값 쌍이며 X-Ray가 **색인**합니다. 그래서 ' +
          '`annotation.customer_tier = "gold"` 같은 필터 표현식으로 검색하고 그룹을 만들 수 있습니다. **메타데이터**는 어떤 JSON 값이든 ' +
          '담지만 **색인되지 않습니다**. 추적을 찾은 뒤 읽어 볼 세부 정보를 둡니다.\n\n' +
          '추적은 X-Ray 읽기 권한이 있는 누구나 볼 수 있고 30일간 보관되므로, 이름·이메일·카드 번호 같은 개인정보를 주석, ' +
          '메타데이터, 세그먼트 이름, 기록되는 URL에 넣으면 안 됩니다. 대신 내부 ID를 기록하고, SDK가 자동으로 잡는 값(SQL 문, ' +
          '쿼리 문자열 등)도 확인하세요.',
        keyFacts: [
          '추적당 주석은 50개까지 색인됩니다.',
          '주석 키에는 영문자, 숫자, 밑줄만 쓸 수 있습니다.',
          '추적 데이터는 30일간 보관됩니다.',
          '사용자 필드(`user`)도 색인되므로 이메일 대신 의미 없는 ID를 넣으세요.',
        ],
        examTraps: [
          {
            scenario: '개발자가 콘솔에서 특정 게임 ID의 추적을 모두 찾아야 합니다.',
            answer: '게임 ID를 주석(색인됨)으로 기록합니다. 메타데이터로 두면 필터 표현식에 쓸 수 없습니다.',
          },
          {
            scenario:
              '개인정보를 다루는 EC2 애플리케이션을 X-Ray SDK로 계측했는데, 추적에 그 개인정보가 들어가면 안 됩니다.',
            answer:
              '개인정보가 아닌 식별자만 주석이나 메타데이터로 넣도록 코드를 계측하고, 요청 본문이나 개인정보가 담긴 URL은 기록하지 않습니다.',
          },
        ],
      },
    },
  },
  {
    id: 'xray-sampling',
    topics: ['cloudtrail-xray'],
    attachesTo: [
      { on: 'xray' },
      { on: 'state', service: ['xray'], action: ['getsamplingrules', 'createsamplingrule', 'updatesamplingrule'] },
    ],
    links: [`${XRAY}/xray-console-sampling.html`, `${XRAY}/xray-concepts.html`],
    checked: '2026-12-06',
    examples: [
      {
        language: 'json',
        title: {
          en: 'A sampling rule: 2 per second, then 10% of the rest, for one API',
          ko: '샘플링 규칙: 초당 2건, 나머지의 10%, API 하나에 적용',
        },
        code: `{
  "SamplingRule": {
    "RuleName": "checkout-post",
    "Priority": 100,
    "ReservoirSize": 2,
    "FixedRate": 0.10,
    "ServiceName": "checkout-api",
    "ServiceType": "*",
    "Host": "*",
    "HTTPMethod": "POST",
    "URLPath": "/checkout*",
    "ResourceARN": "*",
    "Version": 1
  }
}`,
      },
    ],
    corrections: [
      {
        claim: {
          en: 'Enabling X-Ray sampling records the first request each second.',
          ko: 'X-Ray 샘플링을 켜면 매초 첫 번째 요청을 기록한다.',
        },
        fact: {
          en: 'That is only half of the default rule: X-Ray records the first request each second (the reservoir) and also five percent of any additional requests (the fixed rate).',
          ko: '기본 규칙의 절반만 말한 것입니다. X-Ray는 매초 첫 요청(리저버)에 더해 그 밖의 요청 중 5%(고정 비율)도 기록합니다.',
        },
        source: `${XRAY}/xray-console-sampling.html`,
      },
    ],
    text: {
      en: {
        title: 'Sampling: reservoir plus fixed rate',
        body:
          'Tracing every request would cost too much, so the SDK or agent decides per request whether to record ' +
          'it. A sampling rule has a **reservoir** (a number of requests per second always traced) and a **fixed ' +
          'rate** (the share of requests beyond the reservoir that are traced). The **default rule** traces the ' +
          'first request each second and 5% of the rest.\n\n' +
          'Rules are defined centrally in X-Ray and matched by service name, type, host, HTTP method, URL path ' +
          'and resource ARN, lowest priority number first. The reservoir is shared across all instances of a ' +
          'service, with X-Ray lending quota to each.',
        keyFacts: [
          'Default: reservoir 1 per second + fixed rate 5%.',
          'The sampling decision travels in the trace header (`Sampled=1` or `0`), so downstream services follow it.',
          'Custom rules change sampling without redeploying code.',
          'Raising the fixed rate to 1.0 records everything (useful briefly, expensive for long).',
        ],
        examTraps: [
          {
            scenario:
              'A team wants more traces for the payment endpoint only, without changing or redeploying the code.',
            answer:
              'Add a sampling rule in X-Ray matching that URL path with a larger reservoir and/or fixed rate and a higher priority than the default rule.',
          },
        ],
      },
      ko: {
        title: '샘플링: 리저버와 고정 비율',
        body:
          '모든 요청을 추적하면 비용이 너무 커지므로 SDK나 에이전트가 요청마다 기록 여부를 정합니다. 샘플링 규칙에는 ' +
          '**리저버**(초당 항상 추적하는 요청 수)와 **고정 비율**(리저버를 넘는 요청 중 추적하는 비율)이 있습니다. **기본 규칙**은 ' +
          '매초 첫 요청과 나머지의 5%를 추적합니다.\n\n' +
          '규칙은 X-Ray에 중앙에서 정의하고 서비스 이름, 유형, 호스트, HTTP 메서드, URL 경로, 리소스 ARN으로 맞추며, 우선순위 ' +
          '숫자가 작은 규칙부터 적용합니다. 리저버는 서비스의 모든 인스턴스가 함께 쓰며 X-Ray가 인스턴스마다 몫을 나눠 줍니다.',
        keyFacts: [
          '기본값: 초당 리저버 1 + 고정 비율 5%.',
          '샘플링 결정은 추적 헤더(`Sampled=1` 또는 `0`)에 실려 다운스트림 서비스도 그대로 따릅니다.',
          '사용자 정의 규칙을 쓰면 코드를 재배포하지 않고 샘플링을 바꿀 수 있습니다.',
          '고정 비율을 1.0으로 올리면 전부 기록합니다(잠깐은 유용하지만 오래 두면 비쌉니다).',
        ],
        examTraps: [
          {
            scenario: '코드 변경이나 재배포 없이 결제 엔드포인트만 추적을 더 많이 받고 싶습니다.',
            answer:
              'X-Ray에 그 URL 경로와 일치하고 리저버나 고정 비율이 더 크며 기본 규칙보다 우선순위가 높은 샘플링 규칙을 추가합니다.',
          },
        ],
      },
    },
  },
  {
    id: 'xray-daemon',
    topics: ['cloudtrail-xray'],
    attachesTo: [
      { on: 'xray', origin: ['AWS::EC2::Instance', 'AWS::ECS::Container', 'AWS::ElasticBeanstalk::Environment'] },
    ],
    links: [
      `${XRAY}/xray-daemon.html`,
      `${XRAY}/xray-daemon-eos.html`,
      'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/environment-configuration-debugging.html',
    ],
    checked: '2026-12-06',
    examples: [
      {
        language: 'bash',
        title: {
          en: 'Run the daemon on a server and point the SDK at it',
          ko: '서버에서 데몬을 실행하고 SDK가 바라보게 하기',
        },
        code: `./xray -o -n eu-west-1 &
export AWS_XRAY_DAEMON_ADDRESS=127.0.0.1:2000`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'The X-Ray daemon',
        body:
          'SDKs do not call the X-Ray API for every segment. They send segments over **UDP port 2000** to the ' +
          '**daemon** (or the CloudWatch agent / ADOT collector), which buffers them and uploads batches with ' +
          '`PutTraceSegments`, and fetches sampling rules for the SDK.\n\n' +
          'Lambda runs it for you. Elastic Beanstalk includes it but runs it only once you **enable** the X-Ray ' +
          'daemon option (`XRayEnabled` in the `aws:elasticbeanstalk:xray` namespace, or the console). On EC2, ' +
          'on-premises servers or ECS (as a sidecar ' +
          'container) you run it yourself, with credentials allowing `xray:PutTraceSegments` and ' +
          '`xray:PutTelemetryRecords` (policy AWSXRayDaemonWriteAccess); use `-o` to skip the EC2 metadata check ' +
          'on premises. The X-Ray SDKs and daemon are in maintenance mode since 25 February 2026 and reach **end of ' +
          'support on 25 February 2027**; AWS recommends OpenTelemetry (ADOT or the CloudWatch agent) instead.',
        keyFacts: [
          'Listens on UDP 2000 by default; AWS_XRAY_DAEMON_ADDRESS tells the SDK where it is.',
          'Needs IAM permission to write segments; on premises give it credentials and a Region.',
          'On ECS, run it as a separate container and map UDP 2000.',
          'With nothing listening, UDP sends fail silently and no traces appear.',
          'X-Ray SDKs and daemon: maintenance mode from 2026-02-25, end of support on 2027-02-25; migrate to OpenTelemetry.',
        ],
        examTraps: [
          {
            scenario: 'An application on an on-premises server is instrumented, but no traces arrive in X-Ray.',
            answer:
              'Install and run the X-Ray daemon on the server with credentials that allow PutTraceSegments; the SDK only sends UDP to it.',
          },
        ],
      },
      ko: {
        title: 'X-Ray 데몬',
        body:
          'SDK는 세그먼트마다 X-Ray API를 부르지 않습니다. **UDP 2000번 포트**로 **데몬**(또는 CloudWatch 에이전트, ADOT 수집기)에 ' +
          '보내면, 데몬이 모아 두었다가 `PutTraceSegments`로 배치 단위로 올리고 SDK에 샘플링 규칙도 가져다줍니다.\n\n' +
          'Lambda는 데몬을 대신 실행합니다. Elastic Beanstalk에는 데몬이 들어 있지만 X-Ray 데몬 옵션(`aws:elasticbeanstalk:xray` ' +
          '네임스페이스의 `XRayEnabled` 또는 콘솔)을 **켜야** 실행됩니다. EC2, 온프레미스 서버, ECS(사이드카 컨테이너)에서는 ' +
          '`xray:PutTraceSegments`와 `xray:PutTelemetryRecords`를 허용하는 자격 증명(AWSXRayDaemonWriteAccess 정책)으로 직접 ' +
          '실행하며, 온프레미스에서는 `-o`로 EC2 메타데이터 확인을 건너뜁니다. X-Ray SDK와 데몬은 2026년 2월 25일부터 유지 관리 ' +
          '모드이며 **2027년 2월 25일에 지원이 종료**됩니다. AWS는 대신 OpenTelemetry(ADOT 또는 CloudWatch 에이전트)를 권합니다.',
        keyFacts: [
          '기본으로 UDP 2000에서 수신하며, SDK는 AWS_XRAY_DAEMON_ADDRESS로 위치를 압니다.',
          '세그먼트를 쓸 IAM 권한이 필요하고, 온프레미스에서는 자격 증명과 리전을 줘야 합니다.',
          'ECS에서는 별도 컨테이너로 실행하고 UDP 2000을 매핑합니다.',
          '받는 쪽이 없으면 UDP 전송이 조용히 실패하고 추적이 나타나지 않습니다.',
          'X-Ray SDK와 데몬: 2026-02-25부터 유지 관리 모드, 2027-02-25에 지원 종료. OpenTelemetry로 옮겨야 합니다.',
        ],
        examTraps: [
          {
            scenario: '온프레미스 서버의 애플리케이션을 계측했지만 X-Ray에 추적이 들어오지 않습니다.',
            answer:
              'PutTraceSegments를 허용하는 자격 증명으로 서버에 X-Ray 데몬을 설치해 실행합니다. SDK는 데몬에 UDP로 보낼 뿐입니다.',
          },
        ],
      },
    },
  },
  {
    id: 'xray-instrumentation',
    sample: 'xray-order-processing-execution',
    topics: ['cloudtrail-xray'],
    attachesTo: [
      {
        on: 'xray',
        origin: [
          'AWS::Lambda::Function',
          'AWS::Lambda',
          'AWS::ApiGateway::Stage',
          'AWS::StepFunctions::StateMachine',
          'AWS::EC2::Instance',
          'AWS::ElasticBeanstalk::Environment',
        ],
      },
      {
        on: 'xray',
        inferredType: [
          'AWS::Lambda',
          'AWS::Lambda::Function',
          'AWS::ApiGateway::Stage',
          'AWS::StepFunctions::StateMachine',
        ],
      },
    ],
    links: [
      `${XRAY}/xray-services.html`,
      'https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html',
      'https://docs.aws.amazon.com/step-functions/latest/dg/concepts-xray-tracing.html',
    ],
    checked: '2026-12-06',
    examples: [
      {
        language: 'yaml',
        title: {
          en: 'SAM: turn on tracing for a function and a state machine',
          ko: 'SAM: 함수와 상태 머신에 추적 켜기',
        },
        code: `Resources:
  ScoreOrder:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: nodejs22.x
      Tracing: Active
  OrderFlow:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: order-flow.asl.json
      Tracing:
        Enabled: true`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'Turning tracing on: services and SDK instrumentation',
        body:
          'Some services trace with a switch: Lambda **active tracing**, API Gateway stage tracing, Step Functions ' +
          "tracing on the state machine, App Runner, and Elastic Beanstalk's X-Ray daemon option (off until you enable it). They add their own " +
          'segments and pass the trace header on.\n\n' +
          'Your own code needs instrumentation to add detail: the X-Ray SDK (or OpenTelemetry) wraps incoming ' +
          'HTTP handling, AWS SDK clients, HTTP clients and SQL drivers so each downstream call becomes a ' +
          'subsegment, and lets you add annotations and metadata. On EC2 you instrument the code and run the daemon.',
        keyFacts: [
          'Lambda active tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords in the execution role (AWSXRayDaemonWriteAccess).',
          'Without SDK or OpenTelemetry instrumentation, a Lambda trace shows the function but not its downstream calls.',
          'Step Functions tracing records each execution and passes the trace on to Lambda, SNS, SQS and nested state machines; the map shows one node per integration that supports X-Ray.',
          'Environment variable AWS_XRAY_CONTEXT_MISSING controls what the SDK does when no trace context exists.',
        ],
        examTraps: [
          {
            scenario: 'Traces show the Lambda function but not the DynamoDB calls it makes.',
            answer:
              'Instrument the AWS SDK client in the function code (X-Ray SDK capture or OpenTelemetry); active tracing alone records only the function itself.',
          },
        ],
      },
      ko: {
        title: '추적 켜기: 서비스 설정과 SDK 계측',
        body:
          '스위치만 켜면 추적되는 서비스가 있습니다. Lambda **활성 추적**, API Gateway 스테이지 추적, 상태 머신의 Step Functions 추적, ' +
          'App Runner, Elastic Beanstalk의 X-Ray 옵션입니다. 이들은 자기 세그먼트를 더하고 추적 헤더를 넘겨 줍니다.\n\n' +
          '직접 작성한 코드에서 자세한 정보를 얻으려면 계측이 필요합니다. X-Ray SDK(또는 OpenTelemetry)가 들어오는 HTTP 처리, ' +
          'AWS SDK 클라이언트, HTTP 클라이언트, SQL 드라이버를 감싸 다운스트림 호출을 각각 하위 세그먼트로 만들고, 주석과 메타데이터를 ' +
          '더할 수 있게 합니다. EC2에서는 코드를 계측하고 데몬을 실행합니다.',
        keyFacts: [
          'Lambda 활성 추적에는 실행 역할에 xray:PutTraceSegments와 xray:PutTelemetryRecords(AWSXRayDaemonWriteAccess)가 필요합니다.',
          'SDK나 OpenTelemetry로 계측하지 않으면 Lambda 추적에 함수는 보여도 다운스트림 호출은 보이지 않습니다.',
          'Step Functions 추적은 실행을 기록하고 추적을 Lambda, SNS, SQS, 중첩 상태 머신으로 넘기며, 맵에는 X-Ray를 지원하는 통합마다 노드가 하나씩 나타납니다.',
          '환경 변수 AWS_XRAY_CONTEXT_MISSING은 추적 컨텍스트가 없을 때 SDK의 동작을 정합니다.',
        ],
        examTraps: [
          {
            scenario: '추적에 Lambda 함수는 보이는데 그 함수가 하는 DynamoDB 호출은 보이지 않습니다.',
            answer:
              '함수 코드에서 AWS SDK 클라이언트를 계측합니다(X-Ray SDK 캡처 또는 OpenTelemetry). 활성 추적만으로는 함수 자체만 기록됩니다.',
          },
        ],
      },
    },
  },
  {
    id: 'xray-errors-faults-throttles',
    sample: 'xray-errors-and-throttles',
    topics: ['cloudtrail-xray'],
    attachesTo: [{ on: 'xray', status: ['error', 'fault', 'throttle'] }],
    links: [`${XRAY}/xray-api-segmentdocuments.html`, `${XRAY}/xray-console-servicemap.html`],
    checked: '2026-12-06',
    examples: [],
    corrections: [],
    text: {
      en: {
        title: 'Error, fault and throttle',
        body:
          'Segments and subsegments carry three flags that colour the trace map and the timeline:\n\n' +
          '- **error**: a client error, HTTP **4xx** (yellow/orange).\n' +
          '- **throttle**: HTTP **429 Too Many Requests**, also marked as an error (purple).\n' +
          '- **fault**: a server error, HTTP **5xx** (red).\n\n' +
          'Exceptions recorded in `cause` explain the flag. A fault on an inferred DynamoDB node usually means ' +
          'the call failed on the AWS side; throttles there point at capacity or request-rate limits.',
        keyFacts: [
          'Filter expressions can select them: `error`, `fault`, `throttle` (for example `service("orders") { fault = true }`).',
          'Throttling from an AWS service should be met with retries using exponential backoff and jitter.',
          "A 4xx is the caller's problem; a 5xx is the service's.",
        ],
        examTraps: [
          {
            scenario: 'The trace map shows a purple portion on the DynamoDB node.',
            answer:
              'Requests were throttled (429): add backoff and retries, or raise capacity (on-demand or more provisioned throughput).',
          },
        ],
      },
      ko: {
        title: '오류(error), 결함(fault), 스로틀(throttle)',
        body:
          '세그먼트와 하위 세그먼트에는 추적 맵과 타임라인의 색을 정하는 플래그 세 개가 있습니다.\n\n' +
          '- **error**: 클라이언트 오류, HTTP **4xx**(노란색·주황색).\n' +
          '- **throttle**: HTTP **429 Too Many Requests**, error로도 표시됩니다(보라색).\n' +
          '- **결함(fault)**: 서버 오류, HTTP **5xx**(빨간색).\n\n' +
          '`cause`에 기록된 예외가 플래그의 이유를 설명합니다. 추론된 DynamoDB 노드의 결함은 대개 AWS 쪽에서 호출이 실패했다는 ' +
          '뜻이고, throttle은 용량이나 요청 속도 한도를 가리킵니다.',
        keyFacts: [
          '필터 표현식으로 고를 수 있습니다: `error`, `fault`, `throttle`(예: `service("orders") { fault = true }`).',
          'AWS 서비스의 스로틀링에는 지수 백오프와 지터를 둔 재시도로 대응합니다.',
          '4xx는 호출자의 문제, 5xx는 서비스의 문제입니다.',
        ],
        examTraps: [
          {
            scenario: '추적 맵의 DynamoDB 노드 일부가 보라색으로 표시됩니다.',
            answer:
              '요청이 스로틀링(429)되었습니다. 백오프와 재시도를 넣거나 용량을 늘립니다(온디맨드 또는 프로비저닝 처리량 증가).',
          },
        ],
      },
    },
  },
  {
    id: 'xray-groups-filters',
    topics: ['cloudtrail-xray'],
    attachesTo: [
      { on: 'xray' },
      {
        on: 'state',
        service: ['xray'],
        action: ['gettracesummaries', 'creategroup', 'getgroups', 'gettracegraph', 'batchgettraces'],
      },
      { on: 'state', service: ['xray'] },
    ],
    links: [`${XRAY}/xray-console-filters.html`, `${XRAY}/xray-console-groups.html`],
    checked: '2026-12-06',
    examples: [
      {
        language: 'text',
        title: { en: 'Filter expressions', ko: '필터 표현식' },
        code: `service("checkout-api") { fault = true }
responsetime > 2 AND http.url CONTAINS "/orders"
annotation.customer_tier = "gold" AND error
edge("checkout-api", "payments") { throttle }`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'Filter expressions and groups',
        body:
          '**Filter expressions** select traces by duration (`responsetime`, `duration`), HTTP fields, status ' +
          'flags, users, annotations, services (`service("name")`) and the calls between them ' +
          '(`edge("a", "b")`). A **group** is a saved filter expression: X-Ray builds a separate trace map for ' +
          'it, publishes its own CloudWatch metrics, and can run Insights on it.',
        keyFacts: [
          'Only annotations (not metadata) can be used in filter expressions.',
          "A group's expression applies to traces received after it is created or changed.",
          'Group metrics let a CloudWatch alarm fire on, for example, the fault rate of one customer tier.',
        ],
        examTraps: [
          {
            scenario: "Operations want an alarm when premium customers' requests fail, separate from everyone else.",
            answer:
              'Annotate requests with the customer tier, create an X-Ray group with `annotation.tier = "premium"`, and alarm on the group\'s CloudWatch metrics.',
          },
        ],
      },
      ko: {
        title: '필터 표현식과 그룹',
        body:
          '**필터 표현식**은 소요 시간(`responsetime`, `duration`), HTTP 필드, 상태 플래그, 사용자, 주석, 서비스(`service("이름")`), ' +
          '서비스 사이의 호출(`edge("a", "b")`)로 추적을 고릅니다. **그룹**은 저장된 필터 표현식입니다. X-Ray는 그룹마다 별도의 ' +
          '추적 맵을 만들고, 자체 CloudWatch 지표를 게시하며, Insights를 돌릴 수 있습니다.',
        keyFacts: [
          '필터 표현식에는 메타데이터가 아니라 주석만 쓸 수 있습니다.',
          '그룹의 식은 만들거나 바꾼 뒤에 받은 추적에 적용됩니다.',
          '그룹 지표로 예컨대 특정 고객 등급의 결함(fault) 비율에 CloudWatch 경보를 걸 수 있습니다.',
        ],
        examTraps: [
          {
            scenario: '운영팀이 프리미엄 고객의 요청 실패에 대해서만 따로 경보를 받고 싶어 합니다.',
            answer:
              '요청에 고객 등급을 주석으로 달고, `annotation.tier = "premium"`으로 X-Ray 그룹을 만든 뒤 그룹의 CloudWatch 지표에 경보를 겁니다.',
          },
        ],
      },
    },
  },
];
