/** Lambda around a workflow: error handling, versions and aliases, and safe deployments. */
import type { NoteSource } from '../types.ts';

const LAMBDA = 'https://docs.aws.amazon.com/lambda/latest/dg';
const SFN = 'https://docs.aws.amazon.com/step-functions/latest/dg';

/** Notes on Lambda failures, versions/aliases (Lambda and Step Functions) and deployment strategies. */
export const LAMBDA_NOTES: NoteSource[] = [
  {
    id: 'lambda-error-handling',
    topics: ['lambda', 'step-functions'],
    attachesTo: [
      { on: 'state', service: ['lambda'], retry: true },
      { on: 'state', service: ['lambda'], related: true },
      { on: 'xray', origin: ['AWS::Lambda::Function'], related: true },
    ],
    links: [
      `${LAMBDA}/invocation-async-retain-records.html`,
      `${LAMBDA}/invocation-retries.html`,
      `${SFN}/sfn-best-practices.html`,
    ],
    checked: '2026-12-06',
    examples: [
      {
        language: 'json',
        title: {
          en: 'The retrier Step Functions recommends for Lambda (JSONPath)',
          ko: 'Step Functions가 Lambda에 권장하는 재시도 규칙(JSONPath)',
        },
        code: `{
  "QueryLanguage": "JSONPath",
  "StartAt": "Score",
  "States": {
    "Score": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": { "FunctionName": "arn:aws:lambda:eu-west-1:111122223333:function:score", "Payload.$": "$" },
      "Retry": [
        {
          "ErrorEquals": ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException"],
          "IntervalSeconds": 1,
          "MaxAttempts": 3,
          "BackoffRate": 2,
          "JitterStrategy": "FULL"
        }
      ],
      "Catch": [{ "ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Give Up" }],
      "End": true
    },
    "Give Up": { "Type": "Fail", "Error": "ScoreFailed" }
  }
}`,
      },
      {
        language: 'json',
        title: { en: 'JSONata: the same retrier', ko: 'JSONata: 같은 재시도 규칙' },
        code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Score",
  "States": {
    "Score": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Arguments": { "FunctionName": "arn:aws:lambda:eu-west-1:111122223333:function:score", "Payload": "{% $states.input %}" },
      "Retry": [
        {
          "ErrorEquals": ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException"],
          "IntervalSeconds": 1,
          "MaxAttempts": 3,
          "BackoffRate": 2,
          "JitterStrategy": "FULL"
        }
      ],
      "Catch": [{ "ErrorEquals": ["States.ALL"], "Next": "Give Up" }],
      "End": true
    },
    "Give Up": { "Type": "Fail", "Error": "ScoreFailed" }
  }
}`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'Lambda error handling: retries, destinations, DLQs and the Step Functions retrier',
        body:
          'Who retries depends on how the function is invoked:\n\n' +
          '- **Synchronous** (API Gateway, `lambda:invoke` from Step Functions, the SDK): Lambda does not retry; ' +
          "the caller does. In Step Functions that is the state's `Retry`: add one for the transient " +
          '`Lambda.ServiceException`, `Lambda.AWSLambdaException`, `Lambda.SdkClientException` and ' +
          "`Lambda.TooManyRequestsException`, as the console's default does.\n" +
          '- **Asynchronous** (S3, SNS, EventBridge): Lambda queues the event and retries twice on a function error ' +
          '(configurable 0–2, with a maximum event age up to 6 hours). Events that still fail go to an **on-failure ' +
          'destination** (SQS, SNS, Lambda, EventBridge or S3), which receives the event with details of the ' +
          'error, or to a **dead-letter queue** (SQS or SNS), which receives only the event.\n' +
          '- **Event source mappings** (SQS, Kinesis, DynamoDB Streams): the poller retries. For SQS set a redrive ' +
          'policy on the queue; for streams use maximum retry attempts, batch bisecting and an on-failure destination.',
        keyFacts: [
          'Asynchronous invocations: 2 retries by default (0–2), maximum event age up to 6 hours.',
          'On-failure destinations carry invocation details and support more targets than a DLQ (SQS or SNS only).',
          'A Step Functions Lambda Task should retry Lambda.ServiceException, Lambda.AWSLambdaException, Lambda.SdkClientException and Lambda.TooManyRequestsException.',
          'Retried functions must be idempotent: the same event can arrive more than once.',
        ],
        examTraps: [
          {
            scenario:
              'Failed events from an asynchronously invoked function must be kept with the error message and stack trace for analysis.',
            answer:
              'Configure an on-failure destination; a dead-letter queue keeps only the event payload, without the invocation details.',
          },
          {
            scenario:
              'A state machine occasionally fails on Lambda.ServiceException although the function code is fine.',
            answer:
              'Add a Retry for the transient Lambda service errors (with backoff) on the Task; they are not bugs in the function.',
          },
        ],
      },
      ko: {
        title: 'Lambda 오류 처리: 재시도, 대상, DLQ, Step Functions 재시도 규칙',
        body:
          '누가 재시도하는지는 함수를 호출하는 방식에 달려 있습니다.\n\n' +
          '- **동기식**(API Gateway, Step Functions의 `lambda:invoke`, SDK): Lambda는 재시도하지 않고 호출자가 합니다. Step ' +
          'Functions에서는 상태의 `Retry`가 그 역할을 합니다. 콘솔 기본값처럼 일시적인 `Lambda.ServiceException`, ' +
          '`Lambda.AWSLambdaException`, `Lambda.SdkClientException`, `Lambda.TooManyRequestsException`에 대한 재시도를 둡니다.\n' +
          '- **비동기식**(S3, SNS, EventBridge): Lambda가 이벤트를 대기열에 넣고, 함수 오류가 나면 두 번 재시도합니다(0~2로 설정, ' +
          '최대 이벤트 사용 기간은 최대 6시간). 그래도 실패한 이벤트는 **실패 시 대상**(SQS, SNS, Lambda, EventBridge, S3)으로 ' +
          '가서 오류 정보와 함께 전달되거나, 이벤트만 받는 **배달 못한 편지 대기열**(SQS 또는 SNS)로 갑니다.\n' +
          '- **이벤트 소스 매핑**(SQS, Kinesis, DynamoDB Streams): 폴러가 재시도합니다. SQS는 대기열에 리드라이브 정책을 두고, ' +
          '스트림은 최대 재시도 횟수, 배치 분할, 실패 시 대상을 씁니다.',
        keyFacts: [
          '비동기 호출: 기본 재시도 2회(0~2), 최대 이벤트 사용 기간은 최대 6시간.',
          '실패 시 대상은 호출 정보를 함께 담고, 배달 못한 편지 대기열(SQS나 SNS만)보다 많은 대상을 지원합니다.',
          'Step Functions의 Lambda Task는 Lambda.ServiceException, Lambda.AWSLambdaException, Lambda.SdkClientException, Lambda.TooManyRequestsException을 재시도해야 합니다.',
          '재시도되는 함수는 멱등이어야 합니다. 같은 이벤트가 두 번 이상 올 수 있습니다.',
        ],
        examTraps: [
          {
            scenario:
              '비동기로 호출되는 함수에서 실패한 이벤트를 오류 메시지, 스택 추적과 함께 보관해 분석해야 합니다.',
            answer: '실패 시 대상을 구성합니다. 배달 못한 편지 대기열은 호출 정보 없이 이벤트 페이로드만 보관합니다.',
          },
          {
            scenario: '함수 코드에는 문제가 없는데 상태 머신이 가끔 Lambda.ServiceException으로 실패합니다.',
            answer: 'Task에 일시적인 Lambda 서비스 오류에 대한 Retry(백오프 포함)를 둡니다. 함수의 버그가 아닙니다.',
          },
        ],
      },
    },
  },
  {
    id: 'versions-aliases',
    topics: ['lambda', 'step-functions', 'deployment'],
    attachesTo: [
      { on: 'state', service: ['lambda'], related: true },
      { on: 'state', service: ['states'], action: ['startexecution'], related: true },
    ],
    links: [
      `${LAMBDA}/configuration-versions.html`,
      `${LAMBDA}/configuration-aliases.html`,
      `${SFN}/concepts-state-machine-version.html`,
      `${SFN}/concepts-state-machine-alias.html`,
    ],
    checked: '2026-12-06',
    examples: [
      {
        language: 'bash',
        title: { en: 'Publish a version and send 10% of traffic to it', ko: '버전을 게시하고 트래픽의 10%를 보내기' },
        code: `aws lambda publish-version --function-name score
aws lambda update-alias --function-name score --name live \\
  --function-version 6 \\
  --routing-config 'AdditionalVersionWeights={"7"=0.1}'`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'Versions and aliases: Lambda functions and state machines',
        body:
          'A **version** is an immutable snapshot: for Lambda, the code and configuration at `PublishVersion`; for ' +
          'Step Functions, the definition and role at `PublishStateMachineVersion`. `$LATEST` (Lambda) and the ' +
          'unqualified state machine are the editable draft.\n\n' +
          'An **alias** is a named pointer to a version (`live`, `prod`) with its own ARN. Callers use the alias ' +
          'ARN, so you release by moving the alias instead of changing every caller. An alias can also split ' +
          'traffic between two versions with weights, which is how canary releases work. API Gateway stage ' +
          'variables and event source mappings can point at an alias.',
        keyFacts: [
          'Versions cannot be edited; a qualified ARN ends with :version or :alias.',
          'A Lambda alias can route a weighted share of invocations to a second version.',
          'Step Functions versions and aliases work the same way; StartExecution with an alias ARN picks the version by its routing.',
          'Resource policies and triggers attach to a specific version or alias, not to all of them.',
        ],
        examTraps: [
          {
            scenario:
              'A team wants to send 5% of production invocations to a new function version and roll back instantly if errors rise.',
            answer:
              'Publish a version and give the production alias a routing configuration with weight 0.05 for it (or let CodeDeploy shift the alias).',
          },
        ],
      },
      ko: {
        title: '버전과 별칭: Lambda 함수와 상태 머신',
        body:
          '**버전**은 바꿀 수 없는 스냅샷입니다. Lambda에서는 `PublishVersion` 시점의 코드와 구성이고, Step Functions에서는 ' +
          '`PublishStateMachineVersion` 시점의 정의와 역할입니다. `$LATEST`(Lambda)와 버전이 붙지 않은 상태 머신이 편집 가능한 ' +
          '초안입니다.\n\n' +
          '**별칭**은 버전을 가리키는 이름 있는 포인터(`live`, `prod`)이며 자체 ARN이 있습니다. 호출자는 별칭 ARN을 쓰므로, 배포할 ' +
          '때 모든 호출자를 바꾸지 않고 별칭만 옮기면 됩니다. 별칭은 가중치로 두 버전에 트래픽을 나눌 수도 있으며, 카나리 배포가 ' +
          '이 방식으로 동작합니다. API Gateway 스테이지 변수와 이벤트 소스 매핑도 별칭을 가리킬 수 있습니다.',
        keyFacts: [
          '버전은 수정할 수 없으며, 정규화된 ARN은 :버전 또는 :별칭으로 끝납니다.',
          'Lambda 별칭은 호출의 일정 비율을 가중치에 따라 두 번째 버전으로 보낼 수 있습니다.',
          'Step Functions의 버전과 별칭도 같은 방식이며, 별칭 ARN으로 StartExecution을 호출하면 라우팅에 따라 버전이 정해집니다.',
          '리소스 기반 정책과 트리거는 모든 버전이 아니라 특정 버전이나 별칭에 붙습니다.',
        ],
        examTraps: [
          {
            scenario: '프로덕션 호출의 5%를 새 함수 버전으로 보내고, 오류가 늘면 즉시 되돌리고 싶습니다.',
            answer:
              '버전을 게시하고 프로덕션 별칭에 그 버전의 가중치를 0.05로 주는 라우팅 구성을 둡니다(또는 CodeDeploy가 별칭을 옮기게 합니다).',
          },
        ],
      },
    },
  },
  {
    id: 'deployment-strategies',
    topics: ['deployment', 'lambda'],
    attachesTo: [
      { on: 'state', service: ['codedeploy', 'codepipeline'] },
      { on: 'state', service: ['lambda'], related: true },
    ],
    links: [
      'https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html',
      'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/automating-updates-to-serverless-apps.html',
      'https://docs.aws.amazon.com/codepipeline/latest/userguide/approvals.html',
      'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.deploy-existing-version.html',
    ],
    checked: '2026-12-06',
    examples: [
      {
        language: 'yaml',
        title: {
          en: 'SAM: canary deployment with automatic rollback on an alarm',
          ko: 'SAM: 경보 시 자동 롤백하는 카나리 배포',
        },
        code: `ScoreFunction:
  Type: AWS::Serverless::Function
  Properties:
    Runtime: nodejs22.x
    Handler: index.handler
    AutoPublishAlias: live
    DeploymentPreference:
      Type: Canary10Percent5Minutes
      Alarms:
        - !Ref ScoreErrorsAlarm
      Hooks:
        PreTraffic: !Ref PreTrafficCheck`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'Deployment strategies: canary, linear, all-at-once, blue/green',
        body:
          '**CodeDeploy** shifts traffic for Lambda (by moving an alias) and ECS (between two task sets):\n\n' +
          '- **Canary**: a small share first, the rest after a wait (`Canary10Percent5Minutes`).\n' +
          '- **Linear**: equal steps at fixed intervals (`Linear10PercentEvery1Minute`).\n' +
          '- **All-at-once**: everything immediately.\n\n' +
          'CloudWatch alarms on the deployment roll it back automatically; `BeforeAllowTraffic` and ' +
          '`AfterAllowTraffic` hooks run checks. In SAM, `AutoPublishAlias` plus `DeploymentPreference` sets all ' +
          'of this up. **Blue/green** keeps the old environment until the new one is proven (ECS, EC2, or ' +
          'Elastic Beanstalk by swapping environment URLs); Elastic Beanstalk also offers all at once, rolling, ' +
          'rolling with additional batch, immutable and traffic splitting. In **CodePipeline**, a **manual ' +
          'approval** action stops the pipeline until someone approves (it can notify an SNS topic).',
        keyFacts: [
          'Lambda deployments with CodeDeploy: Canary, Linear or AllAtOnce, shifting an alias between versions.',
          'Alarms listed in the deployment trigger automatic rollback.',
          'SAM DeploymentPreference needs AutoPublishAlias and creates the CodeDeploy application for you.',
          'A manual approval action in CodePipeline waits for a person (up to 7 days) and can send an SNS notification.',
        ],
        examTraps: [
          {
            scenario:
              'A new Lambda version should get 10% of traffic for 10 minutes, then all traffic, and roll back by itself if errors rise.',
            answer:
              'CodeDeploy with Canary10Percent10Minutes (SAM DeploymentPreference) and a CloudWatch alarm on errors listed for rollback.',
          },
          {
            scenario: "Production releases must wait for a release manager's sign-off after tests pass.",
            answer:
              'Add a manual approval action to the CodePipeline stage before deployment, with an SNS notification.',
          },
        ],
      },
      ko: {
        title: '배포 전략: 카나리, 선형, 한 번에 모두, 블루/그린',
        body:
          '**CodeDeploy**는 Lambda(별칭을 옮김)와 ECS(두 작업 세트 사이)의 트래픽을 옮깁니다.\n\n' +
          '- **카나리**: 일부를 먼저 보내고 잠시 뒤 나머지를 보냅니다(`Canary10Percent5Minutes`).\n' +
          '- **선형**: 일정한 간격으로 같은 비율씩 옮깁니다(`Linear10PercentEvery1Minute`).\n' +
          '- **한 번에 모두**: 전부 즉시 옮깁니다.\n\n' +
          '배포에 지정한 CloudWatch 경보가 울리면 자동으로 롤백되고, `BeforeAllowTraffic`과 `AfterAllowTraffic` 후크로 점검을 ' +
          '실행합니다. SAM에서는 `AutoPublishAlias`와 `DeploymentPreference`로 이것을 모두 설정합니다. **블루/그린**은 새 환경이 ' +
          '검증될 때까지 이전 환경을 유지합니다(ECS, EC2, 또는 환경 URL을 바꾸는 Elastic Beanstalk). Elastic Beanstalk에는 ' +
          '한 번에 모두, 롤링, 추가 배치를 사용한 롤링, 변경 불가능, 트래픽 분할 배포도 있습니다. **CodePipeline**의 **수동 승인** ' +
          '작업은 누군가 승인할 때까지 파이프라인을 멈추며 SNS 주제로 알릴 수 있습니다.',
        keyFacts: [
          'CodeDeploy를 쓰는 Lambda 배포: Canary, Linear, AllAtOnce. 버전 사이에서 별칭을 옮깁니다.',
          '배포에 지정한 경보가 자동 롤백을 일으킵니다.',
          'SAM DeploymentPreference에는 AutoPublishAlias가 필요하며, CodeDeploy 애플리케이션을 대신 만들어 줍니다.',
          'CodePipeline의 수동 승인 작업은 사람을 최대 7일 기다리며 SNS 알림을 보낼 수 있습니다.',
        ],
        examTraps: [
          {
            scenario:
              '새 Lambda 버전에 10분 동안 트래픽의 10%를 보낸 뒤 전부 보내고, 오류가 늘면 스스로 롤백해야 합니다.',
            answer:
              'Canary10Percent10Minutes를 쓰는 CodeDeploy(SAM DeploymentPreference)와, 롤백용으로 지정한 오류 CloudWatch 경보입니다.',
          },
          {
            scenario: '테스트를 통과한 뒤에도 프로덕션 배포는 릴리스 관리자의 승인을 기다려야 합니다.',
            answer: '배포 전 CodePipeline 단계에 SNS 알림을 보내는 수동 승인 작업을 추가합니다.',
          },
        ],
      },
    },
  },
];
