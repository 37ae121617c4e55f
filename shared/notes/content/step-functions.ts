/** Step Functions: workflow types, Task and flow states, integration patterns, errors and Distributed Map. */
/* eslint-disable max-lines -- study-note content (text, not logic), one file per exam topic. */
import type { NoteSource } from '../types.ts';

const SFN = 'https://docs.aws.amazon.com/step-functions/latest/dg';

/** Notes that attach to the states and integrations drawn in a state machine diagram. */
export const STEP_FUNCTIONS_NOTES: NoteSource[] = [
  {
    id: 'sfn-standard-vs-express',
    topics: ['step-functions'],
    attachesTo: [
      { on: 'state' },
      { on: 'state', workflow: 'EXPRESS' },
      { on: 'xray', origin: ['AWS::StepFunctions::StateMachine'], related: true },
    ],
    links: [
      `${SFN}/choosing-workflow-type.html`,
      `${SFN}/service-quotas.html`,
      'https://docs.aws.amazon.com/step-functions/latest/dg/concepts-express-synchronous.html',
    ],
    checked: '2026-12-06',
    examples: [],
    corrections: [],
    text: {
      en: {
        title: 'Standard versus Express workflows',
        body:
          'Step Functions coordinates steps as a state machine and records what each state did, so a workflow is ' +
          'visible as a diagram and auditable afterwards. The workflow type is chosen when the machine is created ' +
          'and cannot be changed.\n\n' +
          '| | Standard | Express |\n|---|---|---|\n' +
          '| Longest run | 1 year | 5 minutes |\n' +
          '| Execution semantics | exactly once (unless a Retry runs a step again) | at least once (asynchronous) / at most once (synchronous) |\n' +
          '| Price | per state transition | per request, plus duration billed by the memory the execution uses |\n' +
          '| History | kept by the service, 90 days after the end | CloudWatch Logs, if logging is enabled |\n' +
          '| `.sync`, `.waitForTaskToken`, activities | yes | no |\n\n' +
          'Use Standard for long-running, auditable processes with human steps; use Express for high-volume, short ' +
          'event processing (IoT ingestion, stream transforms) and for synchronous calls behind API Gateway.',
        keyFacts: [
          'Standard: up to one year, exactly-once unless you add Retry, billed per state transition, history in the console and API.',
          'Express: up to five minutes, billed by requests and by duration and memory, history only through CloudWatch Logs.',
          'Express supports only request-response integrations: no run-a-job (.sync), no callback (.waitForTaskToken), no activities.',
          'A Distributed Map can run its child workflows as Express even inside a Standard parent.',
        ],
        examTraps: [
          {
            scenario: 'A workflow processes hundreds of thousands of short IoT events per second and must be cheap.',
            answer:
              'Express workflows: priced by requests and duration (with memory), built for high event rates and runs under five minutes.',
          },
          {
            scenario: "An order process waits up to a week for a manager's approval and must never run a step twice.",
            answer:
              'A Standard workflow: it can run for up to a year, runs each step once (as long as no Retry repeats it), and supports the callback pattern.',
          },
        ],
      },
      ko: {
        title: '표준 워크플로와 Express 워크플로',
        body:
          'Step Functions는 여러 단계를 상태 머신으로 조율하고 각 상태가 한 일을 기록합니다. 그래서 워크플로를 다이어그램으로 ' +
          '확인하고 나중에 감사할 수 있습니다. 워크플로 유형은 상태 머신을 만들 때 정하며 나중에 바꿀 수 없습니다.\n\n' +
          '| | 표준 | Express |\n|---|---|---|\n' +
          '| 최대 실행 시간 | 1년 | 5분 |\n' +
          '| 실행 보장 | 정확히 한 번(Retry가 단계를 다시 실행하지 않는 한) | 최소 한 번(비동기) / 최대 한 번(동기) |\n' +
          '| 요금 | 상태 전환당 | 요청 수, 그리고 실행이 쓰는 메모리에 따른 실행 시간 |\n' +
          '| 실행 기록 | 서비스가 종료 후 90일 보관 | 로깅을 켠 경우 CloudWatch Logs |\n' +
          '| `.sync`, `.waitForTaskToken`, 활동 | 지원 | 미지원 |\n\n' +
          '사람이 개입하고 감사가 필요한 긴 프로세스에는 표준 워크플로가 맞습니다. 짧은 이벤트를 대량으로 처리할 때(IoT 수집, ' +
          '스트림 변환)나 API Gateway 뒤에서 동기식으로 호출할 때는 Express 워크플로가 맞습니다.',
        keyFacts: [
          '표준: 최대 1년, Retry를 두지 않으면 정확히 한 번 실행, 상태 전환 단위 과금, 기록은 콘솔과 API에서 확인.',
          'Express: 최대 5분, 요청 수와 실행 시간(메모리 사용량 반영)으로 과금, 기록은 CloudWatch Logs로만 확인.',
          'Express는 요청 및 응답 통합만 지원합니다. 작업 실행(.sync), 콜백 대기(.waitForTaskToken), 활동은 쓸 수 없습니다.',
          '분산 맵은 표준 부모 안에서도 하위 워크플로를 Express로 실행할 수 있습니다.',
        ],
        examTraps: [
          {
            scenario: '초당 수십만 건의 짧은 IoT 이벤트를 처리하는 워크플로를 저렴하게 운영해야 합니다.',
            answer:
              'Express 워크플로입니다. 요청 수와 실행 시간(메모리 포함)으로 과금되고, 5분 안에 끝나는 대량 이벤트 처리를 위해 만들어졌습니다.',
          },
          {
            scenario: '주문 프로세스가 관리자 승인을 최대 일주일 기다리며, 어떤 단계도 두 번 실행되면 안 됩니다.',
            answer:
              '표준 워크플로입니다. 최대 1년 동안 실행되고, Retry가 반복하지 않는 한 각 단계를 한 번만 실행하며, 콜백 패턴을 지원합니다.',
          },
        ],
      },
    },
  },
  {
    id: 'sfn-express-limits',
    topics: ['step-functions'],
    attachesTo: [
      { on: 'state', workflow: 'EXPRESS', pattern: ['sync', 'sync:2', 'wait-for-task-token'] },
      { on: 'state', workflow: 'EXPRESS', type: ['Wait'], waitOverSeconds: 300 },
      { on: 'state', workflow: 'EXPRESS', service: ['activity'] },
      { on: 'state', workflow: 'EXPRESS', timeout: true },
      { on: 'state', workflow: 'EXPRESS', heartbeat: true },
    ],
    links: [
      `${SFN}/choosing-workflow-type.html`,
      `${SFN}/integrate-optimized.html`,
      `${SFN}/cost-opt-exp-workflows.html`,
    ],
    checked: '2026-12-06',
    examples: [],
    corrections: [],
    text: {
      en: {
        title: 'What an Express workflow cannot do',
        body:
          'An Express execution is short-lived by design, so a few things that are normal in a Standard machine are ' +
          'refused or can never finish:\n\n' +
          '- **Only request-response integrations.** `arn:aws:states:::ecs:runTask.sync`, `.sync:2` and ' +
          '`.waitForTaskToken` are not supported; neither are activities.\n' +
          '- **Five minutes at most.** A Wait of 86,400 seconds, or a task that runs longer, ends the execution with ' +
          '`States.Timeout`. A `TimeoutSeconds` above 300 never takes effect.\n' +
          '- **At-least-once** for asynchronous runs: a step may run twice, so steps should be idempotent.\n\n' +
          'The usual fix is to split the work: keep the long wait, the callback or the job in a Standard parent and ' +
          'nest the fast, idempotent part as an Express child (`states:startExecution` without `.sync`, or a ' +
          'Distributed Map with Express children). Statescope reports these states as validation errors when a ' +
          'template declares the machine `Type: EXPRESS` (SAM) or `StateMachineType: EXPRESS` (CloudFormation).',
        keyFacts: [
          'Express: no .sync, no .sync:2, no .waitForTaskToken and no activities.',
          'An Express execution stops after 5 minutes with States.Timeout, whatever the Wait or TimeoutSeconds say.',
          'Asynchronous Express runs are at-least-once; synchronous ones (StartSyncExecution) are at-most-once.',
          'Nest an Express child inside a Standard parent to combine long waits with cheap high-volume steps.',
        ],
        examTraps: [
          {
            scenario:
              'A team converts a Standard workflow with a manager-approval step (.waitForTaskToken) to Express to save money; the deployment fails.',
            answer:
              'Express does not support the callback pattern. Keep the approval in a Standard workflow and move only the short, idempotent steps into a nested Express workflow.',
          },
          {
            scenario: 'An Express workflow must wait one hour before retrying a partner API.',
            answer:
              'It cannot: an Express execution ends after five minutes. Use a Standard workflow (Wait states there cost nothing while waiting) or schedule a new run with EventBridge Scheduler.',
          },
        ],
      },
      ko: {
        title: 'Express 워크플로로 할 수 없는 일',
        body:
          'Express 실행은 처음부터 짧게 끝나도록 설계되었습니다. 그래서 표준 상태 머신에서는 흔한 몇 가지가 거부되거나 ' +
          '끝까지 실행될 수 없습니다.\n\n' +
          '- **요청 및 응답 통합만 지원합니다.** `arn:aws:states:::ecs:runTask.sync`, `.sync:2`, `.waitForTaskToken`은 ' +
          '지원되지 않으며 활동도 쓸 수 없습니다.\n' +
          '- **최대 5분입니다.** 86,400초짜리 Wait나 그보다 오래 걸리는 작업은 `States.Timeout`으로 실행을 끝냅니다. ' +
          '300보다 큰 `TimeoutSeconds`는 효과가 없습니다.\n' +
          '- 비동기 실행은 **최소 한 번** 실행됩니다. 한 단계가 두 번 실행될 수 있으므로 각 단계는 멱등이어야 합니다.\n\n' +
          '보통은 작업을 나눕니다. 오래 기다리는 부분, 콜백, 작업 실행은 표준 부모 워크플로에 두고, 빠르고 멱등인 부분은 ' +
          'Express 하위 워크플로로 중첩합니다(`.sync` 없는 `states:startExecution`, 또는 Express 하위 워크플로를 쓰는 분산 맵). ' +
          '템플릿이 상태 머신을 `Type: EXPRESS`(SAM)나 `StateMachineType: EXPRESS`(CloudFormation)로 선언하면 ' +
          'Statescope가 이런 상태를 검증 오류로 알려 줍니다.',
        keyFacts: [
          'Express에서는 .sync, .sync:2, .waitForTaskToken, 활동을 쓸 수 없습니다.',
          'Express 실행은 Wait나 TimeoutSeconds 값과 상관없이 5분이 지나면 States.Timeout으로 멈춥니다.',
          '비동기 Express 실행은 최소 한 번, 동기 실행(StartSyncExecution)은 최대 한 번 실행됩니다.',
          '긴 대기와 저렴한 대량 처리를 함께 하려면 표준 부모 안에 Express 하위 워크플로를 중첩합니다.',
        ],
        examTraps: [
          {
            scenario:
              '비용을 줄이려고 관리자 승인 단계(.waitForTaskToken)가 있는 표준 워크플로를 Express로 바꿨더니 배포가 실패합니다.',
            answer:
              'Express는 콜백 패턴을 지원하지 않습니다. 승인 단계는 표준 워크플로에 남기고, 짧고 멱등인 단계만 중첩된 Express 워크플로로 옮깁니다.',
          },
          {
            scenario: 'Express 워크플로가 파트너 API를 다시 호출하기 전에 한 시간을 기다려야 합니다.',
            answer:
              '불가능합니다. Express 실행은 5분 뒤에 끝납니다. 표준 워크플로(기다리는 동안 Wait 상태에 요금이 붙지 않음)를 쓰거나 EventBridge Scheduler로 새 실행을 예약합니다.',
          },
        ],
      },
    },
  },
  {
    id: 'sfn-task-state',
    sample: 'order-processing',
    topics: ['step-functions'],
    attachesTo: [
      { on: 'state', type: ['Task'] },
      { on: 'state', type: ['Task'], service: ['lambda'] },
    ],
    links: [`${SFN}/state-task.html`, `${SFN}/integrate-services.html`, `${SFN}/connect-lambda.html`],
    checked: '2026-12-06',
    examples: [
      {
        language: 'json',
        title: {
          en: 'JSONPath: a Lambda Task with a timeout, then a Choice',
          ko: 'JSONPath: 제한 시간을 둔 Lambda Task와 Choice',
        },
        code: `{
  "QueryLanguage": "JSONPath",
  "StartAt": "Score Order",
  "States": {
    "Score Order": {
      "Type": "Task",
      "Comment": "Call the fraud model",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": {
        "FunctionName": "arn:aws:lambda:eu-west-1:111122223333:function:score-order",
        "Payload.$": "$"
      },
      "ResultSelector": { "score.$": "$.Payload.score" },
      "TimeoutSeconds": 30,
      "Next": "Decide"
    },
    "Decide": {
      "Type": "Choice",
      "Choices": [{ "Variable": "$.score", "NumericGreaterThan": 80, "Next": "Review" }],
      "Default": "Accept"
    },
    "Review": { "Type": "Pass", "End": true },
    "Accept": { "Type": "Succeed" }
  }
}`,
      },
      {
        language: 'json',
        title: { en: 'JSONata: the same machine', ko: 'JSONata: 같은 상태 머신' },
        code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Score Order",
  "States": {
    "Score Order": {
      "Type": "Task",
      "Comment": "Call the fraud model",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Arguments": {
        "FunctionName": "arn:aws:lambda:eu-west-1:111122223333:function:score-order",
        "Payload": "{% $states.input %}"
      },
      "Output": { "score": "{% $states.result.Payload.score %}" },
      "TimeoutSeconds": 30,
      "Next": "Decide"
    },
    "Decide": {
      "Type": "Choice",
      "Choices": [{ "Condition": "{% $states.input.score > 80 %}", "Next": "Review" }],
      "Default": "Accept"
    },
    "Review": { "Type": "Pass", "End": true },
    "Accept": { "Type": "Succeed" }
  }
}`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'The Task state: one unit of work',
        body:
          'A **Task** state is where work happens: it calls a Lambda function, an AWS service through an ' +
          'optimized integration (`arn:aws:states:::sns:publish`), any AWS API through an SDK integration ' +
          '(`arn:aws:states:::aws-sdk:<service>:<action>`), an HTTPS endpoint, or an activity polled by your own ' +
          'worker. The other state types only move data and choose the path.\n\n' +
          'Set `TimeoutSeconds` (and `HeartbeatSeconds` for long tasks) so a stuck call fails with ' +
          '`States.Timeout` instead of waiting indefinitely, and give it Retry and Catch rules.',
        keyFacts: [
          'The Resource ARN chooses both the service and the integration pattern (.sync, .waitForTaskToken or neither).',
          'A bare Lambda function ARN as Resource works, but `arn:aws:states:::lambda:invoke` is the recommended form.',
          'HeartbeatSeconds must be lower than TimeoutSeconds; a missed heartbeat raises States.HeartbeatTimeout.',
          'The execution role must allow the called action (for example lambda:InvokeFunction).',
        ],
        examTraps: [
          {
            scenario: 'A Task calling an external system sometimes hangs and the execution stays Running for days.',
            answer:
              'Set TimeoutSeconds (or HeartbeatSeconds for long work) so the state fails with States.Timeout, and handle it with Retry/Catch.',
          },
        ],
      },
      ko: {
        title: 'Task 상태: 작업의 단위',
        body:
          '**Task** 상태에서 실제 작업이 일어납니다. Lambda 함수, 최적화된 통합을 통한 AWS 서비스(`arn:aws:states:::sns:publish`), ' +
          'SDK 통합을 통한 모든 AWS API(`arn:aws:states:::aws-sdk:<서비스>:<작업>`), HTTPS 엔드포인트, 또는 직접 만든 작업자가 ' +
          '폴링하는 활동을 호출합니다. 다른 상태 유형은 데이터를 옮기고 경로를 고를 뿐입니다.\n\n' +
          '호출이 멈췄을 때 끝없이 기다리지 않고 `States.Timeout`으로 실패하도록 `TimeoutSeconds`(오래 걸리는 작업은 ' +
          '`HeartbeatSeconds`도)를 두고, Retry와 Catch 규칙을 붙이세요.',
        keyFacts: [
          'Resource ARN이 서비스와 통합 패턴(.sync, .waitForTaskToken 또는 둘 다 아님)을 함께 정합니다.',
          'Lambda 함수 ARN을 Resource에 바로 써도 되지만 권장 형식은 `arn:aws:states:::lambda:invoke`입니다.',
          'HeartbeatSeconds는 TimeoutSeconds보다 작아야 하며, 하트비트가 끊기면 States.HeartbeatTimeout이 발생합니다.',
          '실행 역할이 호출하는 작업(예: lambda:InvokeFunction)을 허용해야 합니다.',
        ],
        examTraps: [
          {
            scenario: '외부 시스템을 호출하는 Task가 가끔 멈춰 실행이 며칠째 Running 상태로 남습니다.',
            answer:
              'TimeoutSeconds(긴 작업은 HeartbeatSeconds)를 설정해 States.Timeout으로 실패하게 하고 Retry/Catch로 처리합니다.',
          },
        ],
      },
    },
  },
  {
    id: 'sfn-flow-states',
    sample: 'order-processing',
    topics: ['step-functions'],
    attachesTo: [{ on: 'state', type: ['Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel'] }],
    links: [
      `${SFN}/workflow-states.html`,
      `${SFN}/state-choice.html`,
      `${SFN}/state-parallel.html`,
      `${SFN}/concepts-error-handling.html`,
    ],
    checked: '2026-12-06',
    examples: [],
    corrections: [],
    text: {
      en: {
        title: 'Flow states: Pass, Choice, Wait, Parallel, Succeed, Fail',
        body:
          '- **Pass** shapes data (or injects fixed data) without calling anything.\n' +
          '- **Choice** picks the next state from rules on the input; it has no `Next` or `End` of its own. ' +
          'Without a `Default`, an input that matches no rule fails the whole execution: the state cannot ' +
          'transition, and a Choice has no Catch to stop it.\n' +
          '- **Wait** pauses for a number of seconds or until a timestamp (up to a year in Standard).\n' +
          '- **Parallel** runs fixed branches at the same time and continues when all finish; one failing branch ' +
          'fails the whole state unless caught.\n' +
          '- **Succeed** and **Fail** end the execution (or a branch); Fail carries an `Error` and `Cause`.',
        keyFacts: [
          'Choice, Succeed and Fail cannot have Retry or Catch; Task, Parallel and Map can.',
          "A Parallel state's output is an array with one element per branch, in branch order.",
          'Wait states cost nothing per second of waiting in Standard workflows; you pay for the transitions.',
        ],
        examTraps: [
          {
            scenario:
              'A workflow must wait 24 hours before sending a reminder, without paying for compute while it waits.',
            answer:
              'A Wait state in a Standard workflow; a Lambda function cannot sleep that long (15-minute maximum) and would cost while running.',
          },
        ],
      },
      ko: {
        title: '흐름 상태: Pass, Choice, Wait, Parallel, Succeed, Fail',
        body:
          '- **Pass**는 아무것도 호출하지 않고 데이터를 가공하거나 고정 값을 넣습니다.\n' +
          '- **Choice**는 입력에 대한 규칙으로 다음 상태를 고릅니다. 자체 `Next`나 `End`가 없습니다. `Default`가 없으면 어떤 ' +
          '규칙과도 맞지 않는 입력이 실행 전체를 실패시킵니다. 상태가 다음으로 넘어갈 수 없고, Choice에는 이를 막을 Catch도 없습니다.\n' +
          '- **Wait**는 정해진 초 동안 또는 특정 시각까지 멈춥니다(Standard에서는 최대 1년).\n' +
          '- **Parallel**은 정해진 분기를 동시에 실행하고 모두 끝나면 넘어갑니다. 분기 하나가 실패하면 잡지 않는 한 상태 전체가 실패합니다.\n' +
          '- **Succeed**와 **Fail**은 실행(또는 분기)을 끝냅니다. Fail에는 `Error`와 `Cause`가 붙습니다.',
        keyFacts: [
          'Choice, Succeed, Fail에는 Retry나 Catch를 둘 수 없고, Task, Parallel, Map에는 둘 수 있습니다.',
          'Parallel 상태의 출력은 분기 순서대로 분기마다 원소 하나씩인 배열입니다.',
          '표준 워크플로의 Wait 상태는 기다리는 시간에 요금이 붙지 않고 전환에만 과금됩니다.',
        ],
        examTraps: [
          {
            scenario: '알림을 보내기 전에 24시간을 기다려야 하며, 기다리는 동안 컴퓨팅 비용을 내고 싶지 않습니다.',
            answer:
              '표준 워크플로의 Wait 상태입니다. Lambda는 그만큼 잠들 수 없고(최대 15분) 실행되는 동안 비용이 듭니다.',
          },
        ],
      },
    },
  },
  {
    id: 'sfn-human-approval',
    sample: 'human-approval',
    topics: ['step-functions'],
    attachesTo: [
      { on: 'state', pattern: ['wait-for-task-token'] },
      { on: 'state', pattern: ['wait-for-task-token'], heartbeat: true },
    ],
    links: [`${SFN}/tutorial-human-approval.html`, `${SFN}/connect-to-resource.html`],
    checked: '2026-12-06',
    examples: [
      {
        language: 'json',
        title: {
          en: 'JSONPath: send the task token to an approver and wait',
          ko: 'JSONPath: 승인자에게 작업 토큰을 보내고 대기',
        },
        code: `{
  "QueryLanguage": "JSONPath",
  "StartAt": "Ask Manager",
  "States": {
    "Ask Manager": {
      "Type": "Task",
      "Resource": "arn:aws:states:::sns:publish.waitForTaskToken",
      "Parameters": {
        "TopicArn": "arn:aws:sns:eu-west-1:111122223333:approvals",
        "Message": {
          "orderId.$": "$.orderId",
          "taskToken.$": "$$.Task.Token"
        }
      },
      "TimeoutSeconds": 604800,
      "Next": "Ship"
    },
    "Ship": { "Type": "Succeed" }
  }
}`,
      },
      {
        language: 'json',
        title: { en: 'JSONata: the same approval step', ko: 'JSONata: 같은 승인 단계' },
        code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Ask Manager",
  "States": {
    "Ask Manager": {
      "Type": "Task",
      "Resource": "arn:aws:states:::sns:publish.waitForTaskToken",
      "Arguments": {
        "TopicArn": "arn:aws:sns:eu-west-1:111122223333:approvals",
        "Message": {
          "orderId": "{% $states.input.orderId %}",
          "taskToken": "{% $states.context.Task.Token %}"
        }
      },
      "TimeoutSeconds": 604800,
      "Next": "Ship"
    },
    "Ship": { "Type": "Succeed" }
  }
}`,
      },
      {
        language: 'bash',
        title: { en: "The approver's side: resume the execution", ko: '승인자 쪽: 실행 재개' },
        code: `aws stepfunctions send-task-success \\
  --task-token "$TOKEN" \\
  --task-output '{"approved": true}'`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'Human approval with a task token',
        body:
          'A person cannot answer an API call, so an approval step uses the **callback pattern**. The Task ' +
          'publishes a message that contains the **task token** (`$$.Task.Token` in JSONPath, ' +
          '`$states.context.Task.Token` in JSONata) to SNS, SQS, email or a ticket system, then waits. A link or ' +
          'button behind API Gateway and Lambda later calls `SendTaskSuccess` (approve) or `SendTaskFailure` ' +
          '(reject) with the token, and the execution resumes.',
        keyFacts: [
          'The token must travel inside the message; without it nobody can resume the execution.',
          'Set TimeoutSeconds so an ignored request eventually fails with States.Timeout; HeartbeatSeconds with SendTaskHeartbeat suits long machine work.',
          'Only a Standard workflow can wait for a callback, for up to a year.',
          'The caller of SendTaskSuccess needs states:SendTaskSuccess permission; it does not need the execution ARN.',
        ],
        examTraps: [
          {
            scenario: 'An expense workflow must pause until a manager approves by clicking a link in an email.',
            answer:
              'A Task with `.waitForTaskToken` that sends the token in the email (via SNS/SES); the link calls an API that invokes SendTaskSuccess or SendTaskFailure.',
          },
        ],
      },
      ko: {
        title: '작업 토큰을 이용한 사람의 승인',
        body:
          '사람은 API 호출에 바로 응답할 수 없으므로 승인 단계에는 **콜백 패턴**을 씁니다. Task가 **작업 토큰**(JSONPath에서는 ' +
          '`$$.Task.Token`, JSONata에서는 `$states.context.Task.Token`)을 담은 메시지를 SNS, SQS, 이메일, 티켓 시스템으로 보내고 ' +
          '기다립니다. 나중에 API Gateway와 Lambda 뒤의 링크나 버튼이 그 토큰으로 `SendTaskSuccess`(승인)나 ' +
          '`SendTaskFailure`(거절)를 호출하면 실행이 이어집니다.',
        keyFacts: [
          '토큰은 반드시 메시지 안에 실려야 합니다. 토큰이 없으면 아무도 실행을 재개할 수 없습니다.',
          '응답이 없을 때 결국 States.Timeout으로 실패하도록 TimeoutSeconds를 두세요. 오래 걸리는 기계 작업에는 HeartbeatSeconds와 SendTaskHeartbeat가 어울립니다.',
          '콜백을 최대 1년까지 기다릴 수 있는 것은 표준 워크플로뿐입니다.',
          'SendTaskSuccess 호출자에게는 states:SendTaskSuccess 권한이 필요하며 실행 ARN은 필요 없습니다.',
        ],
        examTraps: [
          {
            scenario: '경비 처리 워크플로가 관리자가 이메일의 링크를 눌러 승인할 때까지 멈춰 있어야 합니다.',
            answer:
              '`.waitForTaskToken` Task가 SNS/SES로 토큰이 담긴 이메일을 보내고, 링크는 SendTaskSuccess나 SendTaskFailure를 호출하는 API를 부릅니다.',
          },
        ],
      },
    },
  },
  {
    id: 'sfn-integration-patterns',
    sample: 'nested-workflows',
    topics: ['step-functions'],
    attachesTo: [
      { on: 'state', pattern: ['sync', 'sync:2', 'wait-for-task-token'] },
      {
        on: 'state',
        pattern: ['sync', 'sync:2'],
        service: ['ecs', 'batch', 'states', 'glue', 'codebuild', 'athena', 'eks', 'emr', 'sagemaker'],
      },
      { on: 'state', type: ['Task'], pattern: ['request-response'], related: true },
    ],
    links: [
      `${SFN}/connect-to-resource.html`,
      `${SFN}/callback-task-sample-sqs.html`,
      `${SFN}/connect-stepfunctions.html`,
    ],
    checked: '2026-12-06',
    examples: [
      {
        language: 'json',
        title: {
          en: 'JSONPath: run an ECS task and wait for it to stop (.sync)',
          ko: 'JSONPath: ECS 작업을 실행하고 멈출 때까지 대기(.sync)',
        },
        code: `{
  "QueryLanguage": "JSONPath",
  "StartAt": "Render Video",
  "States": {
    "Render Video": {
      "Type": "Task",
      "Resource": "arn:aws:states:::ecs:runTask.sync",
      "Parameters": {
        "Cluster": "render",
        "TaskDefinition": "render-job:7",
        "LaunchType": "FARGATE",
        "NetworkConfiguration": { "AwsvpcConfiguration": { "Subnets": ["subnet-0a1b2c3d"] } }
      },
      "Next": "Notify"
    },
    "Notify": {
      "Type": "Task",
      "Resource": "arn:aws:states:::sns:publish",
      "Parameters": { "TopicArn": "arn:aws:sns:eu-west-1:111122223333:renders", "Message": "done" },
      "End": true
    }
  }
}`,
      },
      {
        language: 'json',
        title: { en: 'JSONata: the same run-a-job machine', ko: 'JSONata: 같은 작업 실행 상태 머신' },
        code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Render Video",
  "States": {
    "Render Video": {
      "Type": "Task",
      "Resource": "arn:aws:states:::ecs:runTask.sync",
      "Arguments": {
        "Cluster": "render",
        "TaskDefinition": "render-job:7",
        "LaunchType": "FARGATE",
        "NetworkConfiguration": { "AwsvpcConfiguration": { "Subnets": ["subnet-0a1b2c3d"] } }
      },
      "Next": "Notify"
    },
    "Notify": {
      "Type": "Task",
      "Resource": "arn:aws:states:::sns:publish",
      "Arguments": { "TopicArn": "arn:aws:sns:eu-west-1:111122223333:renders", "Message": "done" },
      "End": true
    }
  }
}`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'Integration patterns: request-response, .sync and .waitForTaskToken',
        body:
          "The suffix on a Task's resource ARN decides when the state finishes:\n\n" +
          '- **Request-response** (no suffix): call the API and move on as soon as it answers. `sqs:sendMessage` ' +
          'finishes when the message is queued, not when it is processed.\n' +
          '- **Run a job** (`.sync`; for a child state machine also `states:startExecution.sync:2`, which returns ' +
          "the child's output as JSON instead of a string): start a job (ECS task, Glue job, " +
          'Batch job, CodeBuild build, child state machine) and wait until it completes, using polling or events ' +
          'that the service handles for you.\n' +
          '- **Wait for a callback** (`.waitForTaskToken`): pass the task token to some other system and pause ' +
          'until it calls `SendTaskSuccess` or `SendTaskFailure` with that token.',
        keyFacts: [
          '.sync and .waitForTaskToken are available in Standard workflows only.',
          'A child state machine started with `states:startExecution.sync` makes the parent wait for its result.',
          'For many services `.sync` needs extra IAM permissions (events:PutTargets, events:PutRule, events:DescribeRule) because Step Functions watches the job through a managed EventBridge rule.',
        ],
        examTraps: [
          {
            scenario: 'A state machine starts an AWS Batch job, but the next state runs before the job finishes.',
            answer:
              'Use `arn:aws:states:::batch:submitJob.sync`; without .sync the Task ends as soon as the job is submitted.',
          },
        ],
      },
      ko: {
        title: '통합 패턴: 요청 및 응답, .sync, .waitForTaskToken',
        body:
          'Task 리소스 ARN 끝의 접미사가 상태가 언제 끝나는지를 정합니다.\n\n' +
          '- **요청 및 응답**(접미사 없음): API를 호출하고 응답이 오면 바로 넘어갑니다. `sqs:sendMessage`는 메시지가 처리될 ' +
          '때가 아니라 대기열에 들어가면 끝납니다.\n' +
          '- **작업 실행**(`.sync`, 하위 상태 머신에는 출력을 문자열 대신 JSON으로 돌려주는 `states:startExecution.sync:2`도 있음): ' +
          'ECS 작업, Glue 작업, Batch 작업, CodeBuild 빌드, 하위 상태 머신 같은 작업을 시작하고 끝날 때까지 기다립니다. 폴링이나 이벤트 처리는 서비스가 알아서 합니다.\n' +
          '- **콜백 대기**(`.waitForTaskToken`): 작업 토큰을 다른 시스템에 넘기고, 그 시스템이 토큰과 함께 ' +
          '`SendTaskSuccess`나 `SendTaskFailure`를 호출할 때까지 멈춥니다.',
        keyFacts: [
          '.sync와 .waitForTaskToken은 표준 워크플로에서만 쓸 수 있습니다.',
          '`states:startExecution.sync`로 시작한 하위 상태 머신은 부모가 결과를 기다리게 합니다.',
          '여러 서비스에서 `.sync`는 Step Functions가 관리형 EventBridge 규칙으로 작업을 지켜보므로 events:PutTargets, events:PutRule, events:DescribeRule 권한이 더 필요합니다.',
        ],
        examTraps: [
          {
            scenario: '상태 머신이 AWS Batch 작업을 시작하는데, 작업이 끝나기 전에 다음 상태가 실행됩니다.',
            answer:
              '`arn:aws:states:::batch:submitJob.sync`를 씁니다. .sync가 없으면 작업을 제출하자마자 Task가 끝납니다.',
          },
        ],
      },
    },
  },
  {
    id: 'sfn-retry-catch',
    sample: 'order-processing',
    topics: ['step-functions'],
    attachesTo: [
      { on: 'state', retry: true },
      { on: 'state', catch: true },
    ],
    links: [`${SFN}/concepts-error-handling.html`, `${SFN}/sfn-best-practices.html`],
    checked: '2026-12-06',
    examples: [
      {
        language: 'json',
        title: {
          en: 'JSONPath: retry throttling with backoff, then catch everything',
          ko: 'JSONPath: 스로틀링은 백오프로 재시도, 나머지는 모두 Catch',
        },
        code: `{
  "QueryLanguage": "JSONPath",
  "StartAt": "Charge",
  "States": {
    "Charge": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": { "FunctionName": "arn:aws:lambda:eu-west-1:111122223333:function:charge", "Payload.$": "$" },
      "Retry": [
        {
          "ErrorEquals": ["Lambda.TooManyRequestsException", "Lambda.ServiceException"],
          "IntervalSeconds": 2,
          "MaxAttempts": 4,
          "BackoffRate": 2.0,
          "MaxDelaySeconds": 30,
          "JitterStrategy": "FULL"
        }
      ],
      "Catch": [{ "ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Record Failure" }],
      "End": true
    },
    "Record Failure": { "Type": "Fail", "Error": "ChargeFailed", "Cause": "See the error field of the input" }
  }
}`,
      },
      {
        language: 'json',
        title: { en: 'JSONata: the same Retry and Catch', ko: 'JSONata: 같은 Retry와 Catch' },
        code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Charge",
  "States": {
    "Charge": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Arguments": { "FunctionName": "arn:aws:lambda:eu-west-1:111122223333:function:charge", "Payload": "{% $states.input %}" },
      "Retry": [
        {
          "ErrorEquals": ["Lambda.TooManyRequestsException", "Lambda.ServiceException"],
          "IntervalSeconds": 2,
          "MaxAttempts": 4,
          "BackoffRate": 2.0,
          "MaxDelaySeconds": 30,
          "JitterStrategy": "FULL"
        }
      ],
      "Catch": [
        {
          "ErrorEquals": ["States.ALL"],
          "Output": "{% $merge([$states.input, { 'error': $states.errorOutput }]) %}",
          "Next": "Record Failure"
        }
      ],
      "End": true
    },
    "Record Failure": { "Type": "Fail", "Error": "ChargeFailed", "Cause": "See the error field of the input" }
  }
}`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'Retry and Catch semantics',
        body:
          'When a Task, Parallel or Map state fails, Step Functions looks at its **Retry** rules first, in order, ' +
          'and uses the first whose `ErrorEquals` matches. Each retrier waits `IntervalSeconds`, multiplied by ' +
          '`BackoffRate` after every attempt (capped by `MaxDelaySeconds`, spread by `JitterStrategy`), up to ' +
          '`MaxAttempts`. Only when retries are exhausted, or none match, does it look at **Catch**: the first ' +
          'matching catcher sends the error output to its `Next` state. With no match the execution fails.',
        keyFacts: [
          'Defaults: IntervalSeconds 1, MaxAttempts 3, BackoffRate 2.0; MaxAttempts 0 means never retry that error.',
          '`States.ALL` matches every error name and must appear alone and last in its list, but it cannot catch the terminal `States.DataLimitExceeded` or `States.Runtime` errors.',
          'Common names: States.Timeout, States.TaskFailed, States.Permissions, States.HeartbeatTimeout, Lambda.ServiceException.',
          'In JSONPath a catcher\'s ResultPath (for example "$.error") keeps the original input and adds the error beside it.',
        ],
        examTraps: [
          {
            scenario:
              'A Lambda Task occasionally fails with throttling; after a few tries the workflow should go to a cleanup state instead of failing.',
            answer:
              'A Retry on Lambda.TooManyRequestsException with backoff, plus a Catch on States.ALL whose Next is the cleanup state.',
          },
          {
            scenario: 'After a catch, the next state needs both the error and the original order data.',
            answer:
              'Set ResultPath on the catcher (for example "$.error") so the error is added to the input instead of replacing it.',
          },
        ],
      },
      ko: {
        title: 'Retry와 Catch의 동작',
        body:
          'Task, Parallel, Map 상태가 실패하면 Step Functions는 먼저 **Retry** 규칙을 순서대로 보고 `ErrorEquals`가 일치하는 ' +
          '첫 규칙을 씁니다. 재시도 규칙은 `IntervalSeconds`만큼 기다리며, 시도할 때마다 대기 시간에 `BackoffRate`를 곱하고' +
          '(`MaxDelaySeconds`가 상한, `JitterStrategy`로 분산) `MaxAttempts`까지 반복합니다. 재시도를 다 썼거나 맞는 규칙이 ' +
          '없을 때에야 **Catch**를 봅니다. 처음 일치하는 캐처가 오류 출력을 자신의 `Next` 상태로 보내고, 일치하는 것이 없으면 실행이 실패합니다.',
        keyFacts: [
          '기본값: IntervalSeconds 1, MaxAttempts 3, BackoffRate 2.0. MaxAttempts가 0이면 그 오류는 재시도하지 않습니다.',
          '`States.ALL`은 모든 오류 이름과 일치하며 목록에서 단독으로, 마지막에 있어야 합니다. 다만 종료 오류인 `States.DataLimitExceeded`와 `States.Runtime`은 잡지 못합니다.',
          '자주 보는 이름: States.Timeout, States.TaskFailed, States.Permissions, States.HeartbeatTimeout, Lambda.ServiceException.',
          'JSONPath에서 캐처의 ResultPath(예: "$.error")를 쓰면 원래 입력을 유지한 채 오류를 옆에 붙입니다.',
        ],
        examTraps: [
          {
            scenario:
              'Lambda Task가 가끔 스로틀링으로 실패합니다. 몇 번 시도한 뒤에는 실패로 끝내지 말고 정리 상태로 가야 합니다.',
            answer:
              'Lambda.TooManyRequestsException에 백오프를 둔 Retry와, Next가 정리 상태인 States.ALL Catch를 함께 둡니다.',
          },
          {
            scenario: 'Catch 뒤의 상태가 오류와 원래 주문 데이터를 모두 필요로 합니다.',
            answer: '캐처에 ResultPath(예: "$.error")를 지정해 오류가 입력을 덮어쓰지 않고 입력에 추가되게 합니다.',
          },
        ],
      },
    },
  },
  {
    id: 'sfn-distributed-map',
    sample: 'distributed-map',
    topics: ['step-functions'],
    attachesTo: [
      { on: 'state', type: ['Map'] },
      { on: 'state', mapMode: 'DISTRIBUTED' },
      { on: 'state', type: ['Map'], itemReader: true },
    ],
    links: [`${SFN}/state-map-distributed.html`, `${SFN}/state-map-inline.html`, `${SFN}/input-output-itemreader.html`],
    checked: '2026-12-06',
    examples: [
      {
        language: 'json',
        title: {
          en: 'JSONPath: process every CSV row in S3 with Express child workflows',
          ko: 'JSONPath: S3 CSV의 모든 행을 Express 하위 워크플로로 처리',
        },
        code: `{
  "QueryLanguage": "JSONPath",
  "StartAt": "Process Rows",
  "States": {
    "Process Rows": {
      "Type": "Map",
      "ItemReader": {
        "Resource": "arn:aws:states:::s3:getObject",
        "ReaderConfig": { "InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW" },
        "Parameters": { "Bucket": "imports", "Key": "customers.csv" }
      },
      "ItemBatcher": { "MaxItemsPerBatch": 100 },
      "MaxConcurrency": 500,
      "ToleratedFailurePercentage": 5,
      "ItemProcessor": {
        "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS" },
        "StartAt": "Import Batch",
        "States": {
          "Import Batch": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": { "FunctionName": "import-batch", "Payload.$": "$" },
            "End": true
          }
        }
      },
      "ResultWriter": { "Resource": "arn:aws:states:::s3:putObject", "Parameters": { "Bucket": "imports", "Prefix": "results" } },
      "End": true
    }
  }
}`,
      },
      {
        language: 'json',
        title: { en: 'JSONata: the same 분산 맵', ko: 'JSONata: 같은 분산 맵' },
        code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Process Rows",
  "States": {
    "Process Rows": {
      "Type": "Map",
      "ItemReader": {
        "Resource": "arn:aws:states:::s3:getObject",
        "ReaderConfig": { "InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW" },
        "Arguments": { "Bucket": "imports", "Key": "customers.csv" }
      },
      "ItemBatcher": { "MaxItemsPerBatch": 100 },
      "MaxConcurrency": 500,
      "ToleratedFailurePercentage": 5,
      "ItemProcessor": {
        "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS" },
        "StartAt": "Import Batch",
        "States": {
          "Import Batch": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Arguments": { "FunctionName": "import-batch", "Payload": "{% $states.input %}" },
            "End": true
          }
        }
      },
      "ResultWriter": { "Resource": "arn:aws:states:::s3:putObject", "Arguments": { "Bucket": "imports", "Prefix": "results" } },
      "End": true
    }
  }
}`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'Map state: inline versus Distributed Map',
        body:
          'A **Map** state runs the same steps for each item of a list. In **inline** mode the iterations run ' +
          'inside the parent execution (up to 40 at a time) and share its history and limits. In **distributed** ' +
          'mode each item or batch runs as a **child workflow execution** with its own history, up to 10,000 in ' +
          'parallel, which is meant for large data sets.\n\n' +
          'A Distributed Map can read its items straight from S3 (`ItemReader`: a CSV, JSON, JSON Lines or Parquet ' +
          'file, an Athena data manifest, an S3 inventory manifest, or a list of objects), group them (`ItemBatcher`), allow a share of failures ' +
          '(`ToleratedFailurePercentage`/`Count`) and write results back to S3 (`ResultWriter`).',
        keyFacts: [
          "Inline: at most 40 concurrent iterations, and all events count towards the parent's 25,000-event history.",
          'Distributed: up to 10,000 parallel child executions, Standard or Express.',
          'Reading items from S3 avoids passing a large array through state input (256 KiB payload limit).',
          'The execution role needs states:StartExecution on the machine itself for the child executions, plus S3 read/write.',
        ],
        examTraps: [
          {
            scenario:
              'Millions of objects in an S3 bucket must each be processed once, in parallel, with per-item visibility.',
            answer:
              'A Distributed Map with an S3 ItemReader; child executions give each batch its own history and high concurrency.',
          },
        ],
      },
      ko: {
        title: 'Map 상태: 인라인 맵과 분산 맵',
        body:
          '**Map** 상태는 목록의 항목마다 같은 단계를 실행합니다. **인라인** 모드에서는 반복이 부모 실행 안에서 돌며(동시에 최대 40개) ' +
          '부모의 기록과 한도를 함께 씁니다. **분산** 모드에서는 항목이나 배치 하나하나가 자신의 기록을 가진 **하위 워크플로 실행**으로 ' +
          '돌며 최대 10,000개까지 병렬로 실행되므로 대용량 데이터에 알맞습니다.\n\n' +
          '분산 맵은 항목을 S3에서 바로 읽고(`ItemReader`: CSV, JSON, JSON Lines, Parquet 파일, Athena 데이터 매니페스트, S3 인벤토리 매니페스트, 객체 목록), 묶고(`ItemBatcher`), ' +
          '일정 비율의 실패를 허용하며(`ToleratedFailurePercentage`/`Count`), 결과를 S3에 씁니다(`ResultWriter`).',
        keyFacts: [
          '인라인: 동시 반복 최대 40개, 모든 이벤트가 부모의 25,000개 이벤트 기록 한도에 포함됩니다.',
          '분산: 하위 워크플로 실행을 최대 10,000개까지 병렬로, 표준이나 Express로 실행합니다.',
          'S3에서 항목을 읽으면 큰 배열을 상태 입력으로 넘기지 않아도 됩니다(페이로드 한도 256KiB).',
          '하위 워크플로 실행을 위해 실행 역할에 자기 상태 머신에 대한 states:StartExecution과 S3 읽기/쓰기 권한이 필요합니다.',
        ],
        examTraps: [
          {
            scenario: 'S3 버킷의 수백만 개 객체를 각각 한 번씩 병렬로 처리하고 항목별 진행 상황을 봐야 합니다.',
            answer: 'S3 ItemReader를 쓴 분산 맵입니다. 하위 워크플로 실행마다 기록이 따로 남고 동시성도 높습니다.',
          },
        ],
      },
    },
  },
];
