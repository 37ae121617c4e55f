/** Step Functions data flow: the JSONPath field pipeline, JSONata Arguments/Output/Assign, intrinsic functions. */
import type { NoteSource } from '../types.ts';

const SFN = 'https://docs.aws.amazon.com/step-functions/latest/dg';

/** Notes on how data moves through a state, attached to every state by query language. */
export const DATA_FLOW_NOTES: NoteSource[] = [
  {
    id: 'sfn-data-flow',
    topics: ['step-functions'],
    attachesTo: [
      { on: 'state', queryLanguage: 'JSONPath', related: true },
      { on: 'state', queryLanguage: 'JSONata', related: true },
      { on: 'state', type: ['Pass'], queryLanguage: 'JSONPath' },
      { on: 'state', type: ['Pass'], queryLanguage: 'JSONata' },
    ],
    links: [
      `${SFN}/concepts-input-output-filtering.html`,
      `${SFN}/transforming-data.html`,
      `${SFN}/workflow-variables.html`,
      `${SFN}/input-output-resultpath.html`,
    ],
    checked: '2026-12-06',
    examples: [
      {
        language: 'json',
        title: {
          en: 'JSONPath: keep the order and add the payment result under $.payment',
          ko: 'JSONPath: 주문은 그대로 두고 결제 결과를 $.payment 아래에 추가',
        },
        code: `{
  "QueryLanguage": "JSONPath",
  "StartAt": "Charge",
  "States": {
    "Charge": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "InputPath": "$.order",
      "Parameters": {
        "FunctionName": "arn:aws:lambda:eu-west-1:111122223333:function:charge",
        "Payload": { "orderId.$": "$.id", "amount.$": "$.total" }
      },
      "ResultSelector": { "chargeId.$": "$.Payload.chargeId" },
      "ResultPath": "$.payment",
      "OutputPath": "$",
      "End": true
    }
  }
}`,
      },
      {
        language: 'json',
        title: {
          en: 'JSONata: the same state with Arguments, Output and a variable',
          ko: 'JSONata: Arguments, Output, 변수로 쓴 같은 상태',
        },
        code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Charge",
  "States": {
    "Charge": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Arguments": {
        "FunctionName": "arn:aws:lambda:eu-west-1:111122223333:function:charge",
        "Payload": { "orderId": "{% $states.input.order.id %}", "amount": "{% $states.input.order.total %}" }
      },
      "Assign": { "chargeId": "{% $states.result.Payload.chargeId %}" },
      "Output": "{% $merge([$states.input, { 'payment': { 'chargeId': $states.result.Payload.chargeId } }]) %}",
      "End": true
    }
  }
}`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'Data flow: InputPath, Parameters, ResultSelector, ResultPath, OutputPath (and JSONata)',
        body:
          'In a **JSONPath** state the input passes through up to five filters, in this order:\n\n' +
          '1. `InputPath` picks the part of the input the state sees (`$` by default).\n' +
          "2. `Parameters` builds the task's arguments; a key ending in `.$` takes a path or an intrinsic function.\n" +
          '3. `ResultSelector` reshapes the raw result (for example keeps only `$.Payload`).\n' +
          '4. `ResultPath` decides where the result goes in the original input: `$` replaces it (the default), ' +
          '`$.payment` adds it beside the input, `null` throws the result away and passes the input on.\n' +
          '5. `OutputPath` picks what is sent to the next state.\n\n' +
          'A **JSONata** state (`"QueryLanguage": "JSONata"`) replaces all five with two fields: `Arguments` ' +
          '(what the task receives) and `Output` (what leaves the state), written as `{% … %}` expressions over ' +
          '`$states.input`, `$states.result` and `$states.context`. Both languages can `Assign` **variables** ' +
          'that later states read as `$name` without passing them through every output.',
        keyFacts: [
          'Order in JSONPath: InputPath → Parameters → task → ResultSelector → ResultPath → OutputPath.',
          'ResultPath "$.x" keeps the input and adds the result; ResultPath null discards the result.',
          'In Parameters and ResultSelector a key needs the ".$" suffix to be read as a path.',
          'JSONata states use Arguments and Output instead; JSONPath fields in a JSONata state are an error.',
          'State input and output are limited to 256 KiB; pass large data through S3 instead.',
        ],
        examTraps: [
          {
            scenario:
              "After a Lambda Task, the next state needs both the original order and the function's result, but only the result arrives.",
            answer:
              'Set ResultPath to a field such as "$.result" so the result is added to the input instead of replacing it.',
          },
          {
            scenario:
              'A Task\'s Parameters block contains "orderId": "$.id", and the function receives the literal text "$.id".',
            answer: 'The key must end in ".$" ("orderId.$": "$.id") for Step Functions to resolve the path.',
          },
        ],
      },
      ko: {
        title: '데이터 흐름: InputPath, Parameters, ResultSelector, ResultPath, OutputPath(그리고 JSONata)',
        body:
          '**JSONPath** 상태에서 입력은 최대 다섯 개의 필터를 다음 순서로 지납니다.\n\n' +
          '1. `InputPath`: 상태가 볼 입력 부분을 고릅니다(기본값 `$`).\n' +
          '2. `Parameters`: 작업에 넘길 인수를 만듭니다. 키가 `.$`로 끝나면 값은 경로나 내장 함수로 해석됩니다.\n' +
          '3. `ResultSelector`: 원래 결과의 모양을 바꿉니다(예: `$.Payload`만 남김).\n' +
          '4. `ResultPath`: 결과를 원래 입력의 어디에 둘지 정합니다. `$`는 입력을 결과로 바꾸고(기본값), `$.payment`는 ' +
          '입력 옆에 결과를 더하며, `null`은 결과를 버리고 입력을 그대로 넘깁니다.\n' +
          '5. `OutputPath`: 다음 상태로 보낼 부분을 고릅니다.\n\n' +
          '**JSONata** 상태(`"QueryLanguage": "JSONata"`)는 이 다섯 개 대신 두 필드를 씁니다. 작업이 받을 `Arguments`와 상태를 ' +
          '나가는 `Output`이며, `$states.input`, `$states.result`, `$states.context`를 쓰는 `{% … %}` 식으로 적습니다. 두 언어 모두 ' +
          '`Assign`으로 **변수**를 만들 수 있고, 뒤의 상태는 출력마다 값을 넘기지 않아도 `$이름`으로 읽습니다.',
        keyFacts: [
          'JSONPath의 순서: InputPath → Parameters → 작업 → ResultSelector → ResultPath → OutputPath.',
          'ResultPath "$.x"는 입력을 유지한 채 결과를 더하고, ResultPath null은 결과를 버립니다.',
          'Parameters와 ResultSelector에서 키가 경로로 해석되려면 ".$" 접미사가 있어야 합니다.',
          'JSONata 상태는 대신 Arguments와 Output을 쓰며, JSONata 상태에 JSONPath 필드가 있으면 오류입니다.',
          '상태 입력과 출력은 256KiB로 제한되므로 큰 데이터는 S3를 거쳐 넘깁니다.',
        ],
        examTraps: [
          {
            scenario: 'Lambda Task 다음 상태에 원래 주문과 함수 결과가 모두 필요한데 결과만 도착합니다.',
            answer: 'ResultPath를 "$.result" 같은 필드로 지정해 결과가 입력을 대체하지 않고 입력에 추가되게 합니다.',
          },
          {
            scenario: 'Task의 Parameters에 "orderId": "$.id"가 있는데, 함수가 "$.id"라는 글자 그대로를 받습니다.',
            answer: 'Step Functions가 경로로 해석하려면 키가 ".$"로 끝나야 합니다("orderId.$": "$.id").',
          },
        ],
      },
    },
  },
  {
    id: 'sfn-intrinsic-functions',
    topics: ['step-functions'],
    attachesTo: [
      { on: 'state', type: ['Pass', 'Task', 'Map', 'Parallel'], queryLanguage: 'JSONPath', related: true },
      { on: 'state', type: ['Map'], mapMode: 'DISTRIBUTED', queryLanguage: 'JSONPath', related: true },
    ],
    links: [`${SFN}/intrinsic-functions.html`, `${SFN}/transforming-data.html`],
    checked: '2026-12-06',
    examples: [
      {
        language: 'json',
        title: { en: 'JSONPath intrinsic functions in a Pass state', ko: 'Pass 상태에서 쓰는 JSONPath 내장 함수' },
        code: `{
  "QueryLanguage": "JSONPath",
  "StartAt": "Build Message",
  "States": {
    "Build Message": {
      "Type": "Pass",
      "Parameters": {
        "greeting.$": "States.Format('Order {} for {}', $.orderId, $.customer)",
        "requestId.$": "States.UUID()",
        "batches.$": "States.ArrayPartition($.items, 10)",
        "itemCount.$": "States.ArrayLength($.items)"
      },
      "End": true
    }
  }
}`,
      },
      {
        language: 'json',
        title: { en: 'JSONata: the same results with JSONata functions', ko: 'JSONata: JSONata 함수로 얻는 같은 결과' },
        code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "Build Message",
  "States": {
    "Build Message": {
      "Type": "Pass",
      "Output": {
        "greeting": "{% 'Order ' & $states.input.orderId & ' for ' & $states.input.customer %}",
        "requestId": "{% $uuid() %}",
        "batches": "{% $partition($states.input.items, 10) %}",
        "itemCount": "{% $count($states.input.items) %}"
      },
      "End": true
    }
  }
}`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'Intrinsic functions: small transformations without a Lambda function',
        body:
          'In JSONPath states, **intrinsic functions** do small data jobs inside the definition, so you do not ' +
          'pay for and maintain a Lambda function just to reshape data. They are written in a field whose key ends ' +
          "in `.$`: `Parameters` (Pass, Task, Parallel, Map), `ResultSelector`, and a Task's `Credentials`:\n\n" +
          '- strings: `States.Format`, `States.StringSplit`, `States.StringToJson`, `States.JsonToString`, ' +
          '`States.Base64Encode`/`Decode`, `States.Hash`\n' +
          '- arrays: `States.Array`, `States.ArrayPartition`, `States.ArrayContains`, `States.ArrayRange`, ' +
          '`States.ArrayGetItem`, `States.ArrayLength`, `States.ArrayUnique`\n' +
          '- others: `States.JsonMerge`, `States.MathRandom`, `States.MathAdd`, `States.UUID`\n\n' +
          'JSONata states do not use them: JSONata has its own functions (`$string`, `$split`, `$merge`…) and ' +
          'Step Functions adds a few (`$partition`, `$range`, `$hash`, `$random`, `$uuid`, `$parse`).',
        keyFacts: [
          'An intrinsic function is only evaluated in a field whose key ends in ".$".',
          'States.Format fills {} placeholders; States.StringToJson parses an escaped JSON string from a service response.',
          'States.ArrayPartition splits an array into chunks, for example before a Map state.',
          'JSONata states use JSONata functions instead of the States.* intrinsics.',
        ],
        examTraps: [
          {
            scenario:
              'A workflow calls a Lambda function only to join two fields into a message string; the team wants to remove it.',
            answer:
              'Use States.Format in Parameters (JSONPath) or a JSONata string expression, with no Lambda function.',
          },
        ],
      },
      ko: {
        title: '내장 함수: Lambda 함수 없이 하는 간단한 변환',
        body:
          'JSONPath 상태에서는 **내장 함수**가 정의 안에서 간단한 데이터 작업을 처리하므로, 데이터 모양을 바꾸려고 Lambda 함수를 ' +
          '만들고 비용을 낼 필요가 없습니다. 키가 `.$`로 끝나는 필드인 `Parameters`(Pass, Task, Parallel, Map), `ResultSelector`, Task의 `Credentials`에 씁니다.\n\n' +
          '- 문자열: `States.Format`, `States.StringSplit`, `States.StringToJson`, `States.JsonToString`, ' +
          '`States.Base64Encode`/`Decode`, `States.Hash`\n' +
          '- 배열: `States.Array`, `States.ArrayPartition`, `States.ArrayContains`, `States.ArrayRange`, ' +
          '`States.ArrayGetItem`, `States.ArrayLength`, `States.ArrayUnique`\n' +
          '- 기타: `States.JsonMerge`, `States.MathRandom`, `States.MathAdd`, `States.UUID`\n\n' +
          'JSONata 상태는 이 함수를 쓰지 않습니다. JSONata 자체 함수(`$string`, `$split`, `$merge` 등)가 있고, Step Functions가 ' +
          '몇 가지(`$partition`, `$range`, `$hash`, `$random`, `$uuid`, `$parse`)를 더해 줍니다.',
        keyFacts: [
          '내장 함수는 키가 ".$"로 끝나는 필드에서만 평가됩니다.',
          'States.Format은 {} 자리를 채우고, States.StringToJson은 서비스 응답에 든 이스케이프된 JSON 문자열을 파싱합니다.',
          'States.ArrayPartition은 배열을 여러 배치로 나눕니다. 예를 들어 Map 상태 앞에서 씁니다.',
          'JSONata 상태는 States.* 내장 함수 대신 JSONata 함수를 씁니다.',
        ],
        examTraps: [
          {
            scenario:
              '워크플로가 두 필드를 이어 메시지 문자열을 만들려고만 Lambda 함수를 호출합니다. 팀은 이 함수를 없애고 싶습니다.',
            answer: 'Lambda 함수 없이 Parameters의 States.Format(JSONPath)이나 JSONata 문자열 식을 씁니다.',
          },
        ],
      },
    },
  },
];
