/**
 * Exam notes beside the graph: the task-token state of the human-approval sample shows the human-approval note,
 * the UI switches to Korean and stays Korean after a reload, and the user's own annotations are added, kept
 * across a reload (with a marker on the node) and deleted. An Express template's callback state gets the Express
 * note first and a validation error; a Korean search with an AWS documentation term finds its note; a practice
 * answer is kept across a reload.
 */
import { test, expect, node, upload, type Page } from './fixtures.ts';

async function openHumanApproval(page: Page) {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page.locator('[data-testid="tab"][data-tab-kind="welcome"] button').first().click();
  await expect(page.getByTestId('welcome').locator('h2').first()).toHaveText(/^(Samples|예제)$/);
  await page.locator('[data-testid="sample"][data-sample-id="human-approval"]').click();
  await expect(node(page, 'Request Approval')).toBeVisible();
}

async function notesOf(page: Page, state: string, tabName: string) {
  await node(page, state).click();
  const panel = page.getByTestId('details-panel');
  await panel.getByRole('tab', { name: tabName }).click();
  return panel.getByTestId('notes-tab');
}

test('the .waitForTaskToken state shows the human-approval note; Korean sticks after a reload', async ({
  page,
  consoleErrors,
}) => {
  await openHumanApproval(page);
  const notes = await notesOf(page, 'Request Approval', 'Notes');
  await expect(notes.locator('[data-testid="note-card"][data-note-id="sfn-human-approval"]')).toBeVisible();
  await expect(notes.locator('[data-testid="note-card"]').first()).toHaveAttribute('lang', 'en');

  await page.getByTestId('lang-select').selectOption('ko');
  await expect(page.getByTestId('open-notes')).toHaveText('학습 노트');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(notes.locator('[data-testid="note-card"][data-note-id="sfn-human-approval"]')).toHaveAttribute(
    'lang',
    'ko',
  );

  await page.reload();
  await openHumanApproval(page);
  await expect(page.getByTestId('open-file')).toHaveText('파일 열기…');
  await expect(page.locator('[data-testid="tab"][data-tab-kind="welcome"]')).toContainText('시작');
  const again = await notesOf(page, 'Request Approval', '노트');
  await expect(again.locator('[data-testid="note-card"][data-note-id="sfn-human-approval"]')).toHaveAttribute(
    'lang',
    'ko',
  );

  // The host's settings remember the choice too (a new window has no localStorage of its own).
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('open-file')).toHaveText('파일 열기…');

  await page.getByTestId('lang-select').selectOption('en');
  await expect(page.getByTestId('open-file')).toHaveText('Open file…');
  expect(consoleErrors).toEqual([]);
});

test('an annotation is added, survives a reload with a marker on its node, and is deleted', async ({
  page,
  consoleErrors,
}) => {
  await openHumanApproval(page);
  await expect(node(page, 'Request Approval').getByTestId('note-marker')).toHaveCount(0);
  let notes = await notesOf(page, 'Request Approval', 'Notes');
  const text = 'Remember: **SendTaskSuccess** needs the token <b>not html</b>';
  await notes.getByTestId('annotation-draft').fill(text);
  await notes.getByTestId('annotation-add').click();
  await expect(notes.getByTestId('annotation')).toHaveCount(1);
  await expect(notes.getByTestId('annotation')).toContainText('SendTaskSuccess');
  await expect(notes.getByTestId('annotation').locator('b')).toHaveCount(0);
  await expect(node(page, 'Request Approval').getByTestId('note-marker')).toBeVisible();
  await expect(node(page, 'Grant Access').getByTestId('note-marker')).toHaveCount(0);

  await page.reload();
  await openHumanApproval(page);
  await expect(node(page, 'Request Approval').getByTestId('note-marker')).toBeVisible();
  notes = await notesOf(page, 'Request Approval', 'Notes');
  await expect(notes.getByTestId('annotation')).toContainText('SendTaskSuccess');

  await notes.getByTestId('annotation').getByRole('button', { name: 'Delete' }).click();
  await expect(notes.getByTestId('annotation')).toHaveCount(0);
  await expect(node(page, 'Request Approval').getByTestId('note-marker')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test('the study-notes browser opens from the top bar and a note opens its sample', async ({ page, consoleErrors }) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('open-notes').click();
  await expect(page.getByTestId('notes-browser-tab')).toBeVisible();
  await expect(page.locator('[data-testid="tab"][data-tab-kind="notes"]')).toHaveCount(1);
  await page.getByTestId('open-notes').click();
  await expect(page.locator('[data-testid="tab"][data-tab-kind="notes"]')).toHaveCount(1);

  await page.getByTestId('notes-search').fill('human approval');
  const card = page.locator('[data-testid="note-card"][data-note-id="sfn-human-approval"]');
  await card.evaluate((el) => {
    (el as HTMLDetailsElement).open = true;
  });
  await card.locator('.nt-sample').click();
  await expect(page.locator('.ss-tab.is-active')).toHaveAttribute('data-tab-kind', 'asl');
  await expect(node(page, 'Request Approval')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

const EXPRESS_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Intake:
    Type: AWS::Serverless::StateMachine
    Properties:
      Type: EXPRESS
      Definition:
        StartAt: Ask Approval
        States:
          Ask Approval:
            Type: Task
            Resource: arn:aws:states:::sqs:sendMessage.waitForTaskToken
            Parameters:
              QueueUrl: https://sqs.eu-west-1.amazonaws.com/111122223333/approvals
              MessageBody:
                token.$: $$.Task.Token
            Next: Done
          Done:
            Type: Succeed
`;

test('an Express machine: the .waitForTaskToken state shows the Express note first and a validation error', async ({
  page,
  consoleErrors,
}) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await upload(page, 'intake.yaml', EXPRESS_TEMPLATE);
  await expect(node(page, 'Ask Approval')).toBeVisible();
  await expect(node(page, 'Ask Approval').getByTestId('node-problem-badge')).toBeVisible();
  await expect(page.getByTestId('problems-strip')).toContainText('1 error');
  await page
    .getByTestId('problems-strip')
    .getByRole('button', { name: /Problems/ })
    .click();
  await expect(page.getByTestId('problems-list')).toContainText(
    'Express workflow cannot use the wait-for-callback pattern',
  );

  const notes = await notesOf(page, 'Ask Approval', 'Notes');
  await expect(notes.locator('[data-testid="note-card"]').first()).toHaveAttribute(
    'data-note-id',
    'sfn-express-limits',
  );
  await expect(notes.locator('[data-testid="note-card"]').first()).toHaveAttribute('open', '');
  // Practice what is on screen: the question comes from one of the notes shown beside this state.
  const shown = await notes
    .locator('[data-testid="note-card"]')
    .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-note-id')));
  await notes.getByTestId('panel-practice-toggle').click();
  const questionId = await notes.getByTestId('practice-question').getAttribute('data-question-id');
  expect(shown).toContain(questionId!.split('#')[0]);
  expect(consoleErrors).toEqual([]);
});

test('a Korean search with an AWS documentation term finds its note', async ({ page, consoleErrors }) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('lang-select').selectOption('ko');
  await page.getByTestId('open-notes').click();
  const browser = page.getByTestId('notes-browser-tab');
  await browser.getByTestId('notes-search').fill('필터 표현식');
  await expect(browser.locator('[data-testid="note-card"][data-note-id="xray-groups-filters"]')).toBeVisible();
  await browser.getByTestId('notes-search').fill('역할 수임');
  await expect(browser.locator('[data-testid="note-card"][data-note-id="iam-cross-account"]')).toBeVisible();
  await expect(browser.locator('[data-testid="note-card"][data-note-id="iam-cross-account"]')).toHaveAttribute(
    'lang',
    'ko',
  );
  await page.getByTestId('lang-select').selectOption('en');
  expect(consoleErrors).toEqual([]);
});

test('practice: answer a question, reload, and the progress is kept', async ({ page, consoleErrors }) => {
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('open-notes').click();
  const browser = page.getByTestId('notes-browser-tab');
  await browser.getByTestId('practice-toggle').click();
  await browser.getByTestId('practice-scope').selectOption('security');
  const question = browser.getByTestId('practice-question');
  await expect(question.getByTestId('practice-option')).toHaveCount(4);
  await expect(question.getByTestId('practice-why')).toHaveCount(0);
  const id = await question.getAttribute('data-question-id');
  await question.getByTestId('practice-option').first().click();
  await expect(question.getByTestId('practice-why')).toHaveCount(4);
  await expect(browser.getByTestId('practice-result')).toBeVisible();
  await expect(browser.getByTestId('practice-stats-security')).toContainText(/^1\/\d+ answered/);

  await page.reload();
  await expect(page.locator('.ss-app')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('open-notes').click();
  const again = page.getByTestId('notes-browser-tab');
  await again.getByTestId('practice-toggle').click();
  await expect(again.getByTestId('practice-stats-security')).toContainText(/^1\/\d+ answered/);
  await expect(again.getByTestId('practice-export')).toHaveValue(new RegExp(`"${id}"`));
  expect(consoleErrors).toEqual([]);
});
