/** Encryption at rest: S3 server-side encryption, KMS envelope encryption, encrypted logs and build secrets. */
import type { NoteSource } from '../types.ts';

const S3 = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide';
const KMS = 'https://docs.aws.amazon.com/kms/latest';

/** Notes on S3 SSE, KMS, CloudWatch Logs encryption and CodeBuild environment variables. */
export const ENCRYPTION_NOTES: NoteSource[] = [
  {
    id: 's3-server-side-encryption',
    topics: ['s3-encryption'],
    attachesTo: [
      { on: 'state', service: ['s3'] },
      { on: 'state', service: ['s3'], kmsKey: true },
      { on: 'xray', awsService: ['s3'] },
      { on: 'xray', inferredType: ['AWS::S3::Bucket', 'AWS::S3'] },
    ],
    links: [
      `${S3}/serv-side-encryption.html`,
      `${S3}/ServerSideEncryptionCustomerKeys.html`,
      `${S3}/blocking-unblocking-s3-c-encryption-gpb.html`,
      `${S3}/mpuoverview.html#mpuAndPermissions`,
      `${S3}/UsingKMSEncryption.html`,
      `${S3}/default-encryption-faq.html`,
    ],
    checked: '2026-12-06',
    examples: [],
    corrections: [
      {
        claim: {
          en: 'With SSE-KMS, the KMS key receives the object data from the client, encrypts it and sends it back.',
          ko: 'SSE-KMS에서는 KMS 키가 클라이언트의 객체 데이터를 받아 암호화한 뒤 돌려보낸다.',
        },
        fact: {
          en: 'S3 asks KMS for a data key (GenerateDataKey), encrypts the object itself with that data key and stores the encrypted data key beside the object; the object never goes to KMS. "CMK" is now called a KMS key.',
          ko: 'S3는 KMS에 데이터 키를 요청(GenerateDataKey)하고 그 키로 객체를 직접 암호화한 뒤 암호화된 데이터 키를 객체와 함께 저장합니다. 객체가 KMS로 가는 일은 없습니다. "CMK"는 이제 KMS 키라고 부릅니다.',
        },
        source: `${S3}/UsingKMSEncryption.html`,
      },
    ],
    text: {
      en: {
        title: 'S3 server-side encryption: SSE-S3, SSE-KMS, DSSE-KMS, SSE-C',
        body:
          'S3 encrypts object **data** at rest; object metadata is not encrypted, so never put secrets in it.\n\n' +
          '- **SSE-S3**: S3 owns and rotates the keys; AES-256; header `x-amz-server-side-encryption: AES256`. ' +
          'Since January 2023 every new object gets at least this by default.\n' +
          '- **SSE-KMS**: a KMS key you can control and audit in CloudTrail; header value `aws:kms`. The caller ' +
          'needs `kms:GenerateDataKey` to upload and `kms:Decrypt` to download. S3 Bucket Keys reduce KMS calls.\n' +
          '- **DSSE-KMS**: two layers of encryption with KMS keys, for rules that demand it.\n' +
          '- **SSE-C**: you send your own key with every request; S3 uses it to encrypt and decrypt but never ' +
          'stores it, and refuses SSE-C requests over plain HTTP. Since April 2026 SSE-C is **blocked by default** ' +
          'on new general purpose buckets (and on existing buckets in accounts with no SSE-C objects): a bucket ' +
          'owner must allow it by setting `BlockedEncryptionTypes` to `NONE` with PutBucketEncryption.\n\n' +
          'Multipart uploads with SSE-KMS need `kms:Decrypt` as well as `kms:GenerateDataKey`: S3 decrypts the ' +
          'parts to assemble the object. Tools such as `aws s3 cp` switch to multipart for large files, which is why ' +
          '"small files upload, large files fail" points at a missing `kms:Decrypt`.',
        keyFacts: [
          'Only the object data is encrypted server-side, not its metadata or tags.',
          'SSE-KMS uploads fail with AccessDenied when the caller lacks kms:GenerateDataKey on the key.',
          'Heavy SSE-KMS traffic can hit KMS request quotas; S3 Bucket Keys cut the number of KMS requests.',
          'SSE-C needs HTTPS and the key (plus its MD5) on every PUT and GET; lose the key and the object is unreadable.',
          'New buckets block SSE-C since April 2026; an SSE-C upload gets 403 AccessDenied until the bucket allows it.',
        ],
        examTraps: [
          {
            scenario:
              'Uploads to a bucket whose default encryption is SSE-KMS fail with Access Denied, though the user may call s3:PutObject.',
            answer:
              'Grant kms:GenerateDataKey (and kms:Decrypt for reads) on the key to the user or in the key policy.',
          },
          {
            scenario: 'With SSE-KMS, small files upload fine but files over about 100 MB fail with Access Denied.',
            answer:
              'Large files go up as multipart uploads, which need kms:Decrypt on the key as well as kms:GenerateDataKey.',
          },
          {
            scenario: 'A company must manage its encryption keys outside AWS and supply them per request.',
            answer: 'SSE-C over HTTPS (or client-side encryption); S3 will reject an SSE-C request sent over HTTP.',
          },
          {
            scenario: 'Auditors want a record of every use of the key that protects the objects.',
            answer: 'SSE-KMS: each use of a KMS key is logged in CloudTrail; SSE-S3 keys are invisible to you.',
          },
        ],
      },
      ko: {
        title: 'S3 서버 측 암호화: SSE-S3, SSE-KMS, DSSE-KMS, SSE-C',
        body:
          'S3는 저장된 객체의 **데이터**를 암호화합니다. 객체 메타데이터는 암호화되지 않으니 비밀 값을 넣으면 안 됩니다.\n\n' +
          '- **SSE-S3**: 키를 S3가 소유하고 교체합니다. AES-256, 헤더 `x-amz-server-side-encryption: AES256`. ' +
          '2023년 1월부터 모든 새 객체에 최소한 이 암호화가 기본으로 적용됩니다.\n' +
          '- **SSE-KMS**: 직접 제어하고 CloudTrail로 감사할 수 있는 KMS 키를 씁니다. 헤더 값은 `aws:kms`. 업로드에는 ' +
          '`kms:GenerateDataKey`, 다운로드에는 `kms:Decrypt` 권한이 필요합니다. S3 버킷 키로 KMS 호출을 줄일 수 있습니다.\n' +
          '- **DSSE-KMS**: KMS 키로 두 겹 암호화합니다. 규정상 이중 암호화가 필요할 때 씁니다.\n' +
          '- **SSE-C**: 요청마다 고객이 자신의 키를 보냅니다. S3는 그 키로 암호화와 복호화를 하지만 키를 저장하지는 않으며, ' +
          '평문 HTTP로 온 SSE-C 요청은 거부합니다. 2026년 4월부터 새 범용 버킷(그리고 SSE-C 객체가 없는 계정의 기존 버킷)에서는 ' +
          'SSE-C가 **기본적으로 차단**됩니다. 버킷 소유자가 PutBucketEncryption으로 `BlockedEncryptionTypes`를 `NONE`으로 ' +
          '설정해야 허용됩니다.\n\n' +
          'SSE-KMS로 멀티파트 업로드를 하려면 `kms:GenerateDataKey`뿐 아니라 `kms:Decrypt`도 필요합니다. S3가 파트를 복호화해 ' +
          '객체를 조립하기 때문입니다. `aws s3 cp` 같은 도구는 큰 파일을 멀티파트로 올리므로, "작은 파일은 올라가는데 큰 파일만 ' +
          '실패한다"면 `kms:Decrypt`가 빠진 것입니다.',
        keyFacts: [
          '서버 측 암호화 대상은 객체 데이터뿐이며 메타데이터와 태그는 아닙니다.',
          '호출자에게 키에 대한 kms:GenerateDataKey가 없으면 SSE-KMS 업로드가 AccessDenied로 실패합니다.',
          'SSE-KMS 요청이 많으면 KMS 요청 할당량에 걸릴 수 있고, S3 버킷 키가 KMS 요청 수를 줄여 줍니다.',
          'SSE-C는 HTTPS와 함께 매 PUT·GET마다 키(와 MD5)를 보내야 하며, 키를 잃으면 객체를 읽을 수 없습니다.',
          '2026년 4월부터 새 버킷은 SSE-C를 차단하므로, 버킷이 허용하기 전까지 SSE-C 업로드는 403 AccessDenied를 받습니다.',
        ],
        examTraps: [
          {
            scenario:
              '기본 암호화가 SSE-KMS인 버킷에 업로드가 Access Denied로 실패합니다. 사용자에게 s3:PutObject 권한은 있습니다.',
            answer: '사용자 정책이나 키 정책에서 해당 키의 kms:GenerateDataKey(읽기에는 kms:Decrypt)를 허용합니다.',
          },
          {
            scenario: 'SSE-KMS 버킷에 작은 파일은 잘 올라가는데 약 100MB가 넘는 파일은 Access Denied로 실패합니다.',
            answer:
              '큰 파일은 멀티파트 업로드로 올라가며, 멀티파트 업로드에는 kms:GenerateDataKey와 함께 키에 대한 kms:Decrypt가 필요합니다.',
          },
          {
            scenario: '회사가 암호화 키를 AWS 밖에서 관리하고 요청마다 직접 제공해야 합니다.',
            answer: 'HTTPS를 쓰는 SSE-C(또는 클라이언트 측 암호화)입니다. HTTP로 보낸 SSE-C 요청은 S3가 거부합니다.',
          },
          {
            scenario: '감사인이 객체를 보호하는 키가 쓰일 때마다 기록을 원합니다.',
            answer:
              'SSE-KMS입니다. KMS 키 사용은 모두 CloudTrail에 기록되지만 SSE-S3의 키는 사용자에게 보이지 않습니다.',
          },
        ],
      },
    },
  },
  {
    id: 's3-deny-unencrypted-uploads',
    topics: ['s3-encryption'],
    attachesTo: [{ on: 'state', service: ['s3'], action: ['putobject', 'copyobject', 'createmultipartupload'] }],
    links: [
      `${S3}/UsingKMSEncryption.html`,
      `${S3}/bucket-encryption.html`,
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
    ],
    checked: '2026-12-06',
    examples: [
      {
        language: 'json',
        title: {
          en: 'Bucket policy: refuse uploads that are not SSE-KMS',
          ko: '버킷 정책: SSE-KMS가 아닌 업로드 거부',
        },
        code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "RequireKmsOnPut",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::invoices-archive/*",
      "Condition": {
        "StringNotEqualsIfExists": { "s3:x-amz-server-side-encryption": "aws:kms" }
      }
    },
    {
      "Sid": "RequireTls",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": ["arn:aws:s3:::invoices-archive", "arn:aws:s3:::invoices-archive/*"],
      "Condition": { "Bool": { "aws:SecureTransport": "false" } }
    }
  ]
}`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'Bucket policies that enforce encryption',
        body:
          'A `Deny` statement on `s3:PutObject` with a condition on `s3:x-amz-server-side-encryption` refuses ' +
          'uploads that do not ask for the encryption you require. Mind how IAM treats a **missing** key: a ' +
          'negated operator such as `StringNotEquals` is **true** when the request has no such header, so ' +
          '`StringNotEquals: aws:kms` denies uploads that send another value **and** uploads that send no header ' +
          'at all (the same holds for `StringNotEqualsIfExists`). A `Null: true` check is only needed with a ' +
          'non-negated operator. A second statement on `aws:SecureTransport` refuses plain HTTP.\n\n' +
          'Since S3 encrypts every new object by default, a **default bucket encryption** setting of SSE-KMS is ' +
          "often the better tool: uploads without a header are encrypted with the bucket's key. Do not combine it " +
          'with the Deny above unless every client sends the header, or their header-less uploads are refused.',
        keyFacts: [
          'Explicit Deny in a bucket policy wins over any Allow in identity policies.',
          'The condition key is `s3:x-amz-server-side-encryption`; values are `AES256`, `aws:kms` or `aws:kms:dsse`.',
          'Use `s3:x-amz-server-side-encryption-aws-kms-key-id` to require one particular KMS key.',
          'Default encryption applies only to objects written after it is set.',
          'A negated condition (StringNotEquals, StringNotLike, ArnNotEquals…) is true when the key is missing from the request, so the Deny also catches header-less uploads.',
        ],
        examTraps: [
          {
            scenario:
              'All objects in a bucket must be encrypted with KMS, and uploads asking for anything else must be refused.',
            answer:
              'A bucket policy that denies s3:PutObject when s3:x-amz-server-side-encryption is not aws:kms; it also refuses uploads that send no header, because a negated condition is true for a missing key.',
          },
          {
            scenario:
              "After such a Deny is added, an application that relied on the bucket's default SSE-KMS encryption (and sent no header) gets Access Denied.",
            answer:
              'Expected: StringNotEquals is true when the header is absent. Either have the client send aws:kms, or drop the Deny and rely on default encryption.',
          },
        ],
      },
      ko: {
        title: '암호화를 강제하는 버킷 정책',
        body:
          '`s3:PutObject`에 대한 `Deny` 문에 `s3:x-amz-server-side-encryption` 조건을 붙이면 요구한 암호화를 요청하지 않은 ' +
          '업로드를 거부합니다. 요청에 키가 **없을 때** IAM이 어떻게 평가하는지 주의하세요. `StringNotEquals` 같은 부정 연산자는 ' +
          '헤더가 없으면 **참**이 됩니다. 그래서 `StringNotEquals: aws:kms`는 다른 값을 보낸 업로드와 **헤더를 아예 보내지 않은** ' +
          '업로드를 모두 거부합니다(`StringNotEqualsIfExists`도 마찬가지입니다). `Null: true` 검사는 부정이 아닌 연산자와 함께 쓸 ' +
          '때만 필요합니다. `aws:SecureTransport`에 대한 두 번째 문으로 평문 HTTP도 거부합니다.\n\n' +
          'S3가 모든 새 객체를 기본으로 암호화하므로 **버킷 기본 암호화**를 SSE-KMS로 두는 편이 나은 경우가 많습니다. 헤더 없는 ' +
          '업로드도 버킷의 키로 암호화됩니다. 모든 클라이언트가 헤더를 보내는 경우가 아니라면 위의 Deny와 함께 쓰지 마세요. ' +
          '헤더 없는 업로드가 거부됩니다.',
        keyFacts: [
          '버킷 정책의 명시적 Deny는 자격 증명 정책의 어떤 Allow보다 우선합니다.',
          '조건 키는 `s3:x-amz-server-side-encryption`이고 값은 `AES256`, `aws:kms`, `aws:kms:dsse`입니다.',
          '특정 KMS 키를 강제하려면 `s3:x-amz-server-side-encryption-aws-kms-key-id`를 씁니다.',
          '기본 암호화는 설정한 뒤에 쓰인 객체에만 적용됩니다.',
          '부정 조건(StringNotEquals, StringNotLike, ArnNotEquals 등)은 요청에 키가 없으면 참이므로, Deny가 헤더 없는 업로드도 거부합니다.',
        ],
        examTraps: [
          {
            scenario: '버킷의 모든 객체를 KMS로 암호화해야 하고, 다른 방식을 요청하는 업로드는 거부해야 합니다.',
            answer:
              's3:x-amz-server-side-encryption이 aws:kms가 아니면 s3:PutObject를 거부하는 버킷 정책을 둡니다. 부정 조건은 키가 없을 때 참이므로 헤더 없는 업로드도 거부됩니다.',
          },
          {
            scenario:
              '이 Deny를 추가한 뒤, 버킷의 SSE-KMS 기본 암호화에 기대어 헤더를 보내지 않던 애플리케이션이 Access Denied를 받습니다.',
            answer:
              '예상된 동작입니다. 헤더가 없으면 StringNotEquals가 참입니다. 클라이언트가 aws:kms를 보내게 하거나, Deny를 빼고 기본 암호화에 맡깁니다.',
          },
        ],
      },
    },
  },
  {
    id: 'kms-envelope-encryption',
    topics: ['s3-encryption'],
    attachesTo: [
      { on: 'state', service: ['kms'] },
      { on: 'state', kmsKey: true, related: true },
      { on: 'xray', awsService: ['kms'] },
      { on: 'xray', inferredType: ['AWS::KMS', 'AWS::KMS::Key'] },
    ],
    links: [
      `${KMS}/developerguide/kms-cryptography.html`,
      `${KMS}/APIReference/API_Encrypt.html`,
      `${KMS}/APIReference/API_GenerateDataKey.html`,
      'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
    ],
    checked: '2026-12-06',
    examples: [
      {
        language: 'bash',
        title: { en: 'Get a data key for local encryption', ko: '로컬 암호화용 데이터 키 받기' },
        code: `aws kms generate-data-key \\
  --key-id alias/app-data \\
  --key-spec AES_256
# Response: Plaintext (use, then discard) and CiphertextBlob (store with the data)`,
      },
    ],
    corrections: [
      {
        claim: {
          en: 'Envelope encryption is needed because the Lambda API accepts payloads of at most 4 KB.',
          ko: 'Lambda API의 페이로드 상한이 4KB이기 때문에 봉투 암호화가 필요하다.',
        },
        fact: {
          en: "The 4 KB limit belongs to KMS Encrypt: it accepts at most 4,096 bytes of plaintext. Larger data is encrypted locally with a data key from GenerateDataKey. Lambda's synchronous invocation payload limit is 6 MB.",
          ko: '4KB 제한은 KMS Encrypt의 것입니다. 평문을 최대 4,096바이트까지만 받습니다. 그보다 큰 데이터는 GenerateDataKey로 받은 데이터 키로 로컬에서 암호화합니다. Lambda 동기 호출 페이로드 한도는 6MB입니다.',
        },
        source: `${KMS}/APIReference/API_Encrypt.html`,
      },
    ],
    text: {
      en: {
        title: 'KMS envelope encryption and the 4 KB limit',
        body:
          'KMS keys never leave KMS, and `Encrypt` takes at most **4 KB** of plaintext. To protect anything ' +
          'bigger, call `GenerateDataKey`: KMS returns a data key twice, once in plaintext and once encrypted ' +
          'under your KMS key. Encrypt the data locally with the plaintext key, throw that key away, and store the ' +
          'encrypted key next to the data. To read, ask KMS to `Decrypt` the encrypted data key, then decrypt the ' +
          'data locally. This is **envelope encryption**, and it is what S3, EBS and the Encryption SDK do.',
        keyFacts: [
          'KMS Encrypt/Decrypt handle up to 4,096 bytes directly.',
          'GenerateDataKey returns Plaintext and CiphertextBlob; GenerateDataKeyWithoutPlaintext returns only the encrypted copy.',
          'The caller needs kms:GenerateDataKey to encrypt and kms:Decrypt to read back.',
          'KMS calls count against per-account request quotas; caching data keys reduces calls.',
        ],
        examTraps: [
          {
            scenario: 'A function must encrypt 2 MB files with a KMS key, and Encrypt fails with a size error.',
            answer:
              'Use GenerateDataKey and encrypt the file locally (envelope encryption), or the AWS Encryption SDK which does this for you.',
          },
        ],
      },
      ko: {
        title: 'KMS 봉투 암호화와 4KB 제한',
        body:
          'KMS 키는 KMS 밖으로 나오지 않으며 `Encrypt`는 평문을 최대 **4KB**까지만 받습니다. 더 큰 데이터를 보호하려면 ' +
          '`GenerateDataKey`를 호출합니다. KMS는 데이터 키를 평문 하나, KMS 키로 암호화한 사본 하나로 돌려줍니다. 평문 키로 ' +
          '데이터를 로컬에서 암호화하고 그 키는 버린 뒤, 암호화된 키를 데이터 옆에 저장합니다. 읽을 때는 암호화된 데이터 키를 KMS로 ' +
          '`Decrypt`한 다음 데이터를 로컬에서 복호화합니다. 이것이 **봉투 암호화**이며 S3, EBS, Encryption SDK가 쓰는 방식입니다.',
        keyFacts: [
          'KMS Encrypt/Decrypt가 직접 처리하는 크기는 4,096바이트까지입니다.',
          'GenerateDataKey는 Plaintext와 CiphertextBlob을, GenerateDataKeyWithoutPlaintext는 암호화된 사본만 돌려줍니다.',
          '암호화에는 kms:GenerateDataKey, 복호화에는 kms:Decrypt 권한이 필요합니다.',
          'KMS 호출은 계정별 요청 할당량에 포함되며, 데이터 키를 캐시하면 호출이 줄어듭니다.',
        ],
        examTraps: [
          {
            scenario: '함수가 KMS 키로 2MB 파일을 암호화해야 하는데 Encrypt가 크기 오류로 실패합니다.',
            answer:
              'GenerateDataKey로 데이터 키를 받아 파일을 로컬에서 암호화합니다(봉투 암호화). 이를 대신해 주는 AWS Encryption SDK를 써도 됩니다.',
          },
        ],
      },
    },
  },
  {
    id: 'cloudwatch-logs-kms',
    topics: ['s3-encryption', 'cloudwatch'],
    attachesTo: [
      { on: 'state', service: ['logs'], action: ['associatekmskey', 'createloggroup'] },
      { on: 'state', service: ['logs'], related: true },
    ],
    links: [
      'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html',
      'https://docs.aws.amazon.com/cli/latest/reference/logs/associate-kms-key.html',
    ],
    checked: '2026-12-06',
    examples: [
      {
        language: 'bash',
        title: { en: 'Encrypt an existing log group with a KMS key', ko: '기존 로그 그룹을 KMS 키로 암호화' },
        code: `aws logs associate-kms-key \\
  --log-group-name /aws/vendedlogs/states/order-flow \\
  --kms-key-id arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      },
      {
        language: 'json',
        title: {
          en: 'Key policy statement for the CloudWatch Logs service',
          ko: 'CloudWatch Logs 서비스를 위한 키 정책 문',
        },
        code: `{
  "Sid": "AllowLogsToUseKey",
  "Effect": "Allow",
  "Principal": { "Service": "logs.eu-west-1.amazonaws.com" },
  "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
  "Resource": "*",
  "Condition": {
    "ArnLike": { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:eu-west-1:111122223333:log-group:*" }
  }
}`,
      },
    ],
    corrections: [],
    text: {
      en: {
        title: 'Encrypting CloudWatch Logs with a KMS key',
        body:
          'Log groups are always encrypted; to use **your own KMS key** associate it with the group, either when ' +
          'creating it (`create-log-group --kms-key-id`) or later with `aws logs associate-kms-key`. The key ' +
          'policy must allow the regional CloudWatch Logs service principal to use the key, because the service ' +
          'encrypts on ingest and decrypts whenever someone reads the logs.',
        keyFacts: [
          'After association, new log data is encrypted with the key; existing data stays readable.',
          "If the key is disabled or the permission removed, the log group's encrypted data can no longer be read.",
          'The association can take a few minutes to take effect.',
          'Disassociate with `aws logs disassociate-kms-key`.',
        ],
        examTraps: [
          {
            scenario:
              'Compliance requires an existing log group to be encrypted with a customer managed key, using the CLI.',
            answer:
              'Run `aws logs associate-kms-key` with the key ARN, after granting `logs.<region>.amazonaws.com` use of the key in its key policy.',
          },
        ],
      },
      ko: {
        title: 'KMS 키로 CloudWatch Logs 암호화',
        body:
          '로그 그룹은 항상 암호화되어 있습니다. **자신의 KMS 키**를 쓰려면 그룹을 만들 때(`create-log-group --kms-key-id`) ' +
          '또는 나중에 `aws logs associate-kms-key`로 키를 연결합니다. CloudWatch Logs가 수집할 때 암호화하고 누가 로그를 읽을 ' +
          '때마다 복호화하므로, 키 정책에서 해당 리전의 CloudWatch Logs 서비스 보안 주체가 키를 쓸 수 있게 허용해야 합니다.',
        keyFacts: [
          '연결한 뒤 들어오는 로그 데이터는 그 키로 암호화되고, 기존 데이터도 계속 읽을 수 있습니다.',
          '키를 비활성화하거나 권한을 빼면 로그 그룹의 암호화된 데이터를 더는 읽을 수 없습니다.',
          '연결이 적용되기까지 몇 분 걸릴 수 있습니다.',
          '연결 해제는 `aws logs disassociate-kms-key`로 합니다.',
        ],
        examTraps: [
          {
            scenario: '규정상 기존 로그 그룹을 고객 관리형 키로 암호화해야 하며 CLI를 써야 합니다.',
            answer:
              '키 정책에서 `logs.<리전>.amazonaws.com`이 키를 쓰도록 허용한 뒤 키 ARN으로 `aws logs associate-kms-key`를 실행합니다.',
          },
        ],
      },
    },
  },
  {
    id: 'codebuild-buildspec-env',
    topics: ['s3-encryption', 'secrets-manager', 'parameter-store'],
    attachesTo: [{ on: 'state', service: ['codebuild'] }],
    links: [
      'https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html',
      'https://docs.aws.amazon.com/codebuild/latest/userguide/security-encryption.html',
    ],
    checked: '2026-12-06',
    examples: [
      {
        language: 'yaml',
        title: {
          en: 'buildspec env block: plain values and references to secrets',
          ko: 'buildspec env 블록: 일반 값과 보안 값 참조',
        },
        code: `version: 0.2
env:
  variables:
    ARTIFACT_BUCKET: release-artifacts-prod
  parameter-store:
    DB_HOST: /orders/prod/db-host
  secrets-manager:
    DB_PASSWORD: orders/prod/db:password
phases:
  build:
    commands:
      - ./build.sh
artifacts:
  files:
    - dist/**/*`,
      },
    ],
    corrections: [
      {
        claim: {
          en: 'The SSE-KMS setup for a build lives in buildspec.yml, with the KMS key as an env variable.',
          ko: '빌드의 SSE-KMS 설정은 buildspec.yml에서 하며 KMS 키를 env 변수로 둔다.',
        },
        fact: {
          en: "The key CodeBuild uses to encrypt build artifacts is the project's encryptionKey setting, not a buildspec variable; a key ARN in env/variables is only a value your own commands may read.",
          ko: 'CodeBuild가 빌드 아티팩트를 암호화할 때 쓰는 키는 프로젝트의 encryptionKey 설정이며 buildspec 변수가 아닙니다. env/variables의 키 ARN은 빌드 명령이 읽을 수 있는 값일 뿐입니다.',
        },
        source: 'https://docs.aws.amazon.com/codebuild/latest/userguide/security-encryption.html',
      },
    ],
    text: {
      en: {
        title: 'CodeBuild buildspec env: variables, Parameter Store and Secrets Manager',
        body:
          'The `env` section of `buildspec.yml` sets environment variables for the build. Plain `variables` are ' +
          'stored in the buildspec and shown in logs and the console, so they must not hold secrets. ' +
          '`parameter-store` and `secrets-manager` map a variable to a Parameter Store name or a Secrets Manager ' +
          "secret (optionally `secret-id:json-key`), fetched at build time with the service role's permissions.",
        keyFacts: [
          'Secrets belong in parameter-store (SecureString) or secrets-manager entries, never in plain variables.',
          'The CodeBuild service role needs ssm:GetParameters and/or secretsmanager:GetSecretValue (and kms:Decrypt for a customer key).',
          "Build artifacts are encrypted with the project's KMS key (the AWS managed key for S3 by default).",
        ],
        examTraps: [
          {
            scenario: 'A build needs a database password without it appearing in source control or build settings.',
            answer:
              'Store it in Secrets Manager (or as a SecureString) and reference it from env/secrets-manager in the buildspec; grant the service role read access.',
          },
        ],
      },
      ko: {
        title: 'CodeBuild buildspec env: 변수, Parameter Store, Secrets Manager',
        body:
          '`buildspec.yml`의 `env` 구역은 빌드의 환경 변수를 정합니다. 일반 `variables`는 buildspec에 그대로 저장되고 로그와 ' +
          '콘솔에도 보이므로 비밀 값을 두면 안 됩니다. `parameter-store`와 `secrets-manager`는 변수를 Parameter Store 이름이나 ' +
          'Secrets Manager 보안 암호(`secret-id:json-key` 형식도 가능)에 연결하며, 빌드 시점에 서비스 역할의 권한으로 가져옵니다.',
        keyFacts: [
          '비밀 값은 일반 variables가 아니라 parameter-store(SecureString)나 secrets-manager 항목에 둡니다.',
          'CodeBuild 서비스 역할에는 ssm:GetParameters, secretsmanager:GetSecretValue(고객 관리형 키라면 kms:Decrypt도)가 필요합니다.',
          '빌드 아티팩트는 프로젝트의 KMS 키로 암호화되며 기본값은 S3용 AWS 관리형 키입니다.',
        ],
        examTraps: [
          {
            scenario: '데이터베이스 암호를 소스 저장소나 빌드 설정에 드러내지 않고 빌드에서 써야 합니다.',
            answer:
              'Secrets Manager(또는 SecureString)에 저장하고 buildspec의 env/secrets-manager에서 참조하며, 서비스 역할에 읽기 권한을 줍니다.',
          },
        ],
      },
    },
  },
];
