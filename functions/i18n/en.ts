// The server's words in English (see messages.ts), for requesters who wrote in English.

import { plural } from '#domain/plural.js';
import type { Messages } from './messages.js';

const daysLeft = (n: number | undefined) =>
  plural('en', n, { one: '# business day left', other: '# business days left' });

export const en: Messages = {
  facts: {
    radicado: 'Reference number',
    product: 'Product',
    type: 'Type',
    priority: 'Priority',
    received: 'Received',
    firstResponse: 'First response target',
    resolution: 'Resolution target',
    legal: 'Legal deadline',
    policyTerm: 'Deadline',
    resolved: 'Resolved',
    destination: 'Destination',
    escalationLevel: 'Escalation level',
    status: 'Status',
    requester: 'Requester',
    email: 'E-mail',
    phone: 'Phone',
    document: 'Document',
    consent: 'Consent',
  },
  priorities: { P1: 'P1 (critical)', P2: 'P2 (high)', P3: 'P3 (medium)', P4: 'P4 (low)' },
  statuses: {
    received: 'Received, not acknowledged',
    acknowledged: 'Acknowledged',
    resolved: 'Resolved',
  },
  destinations: {
    'support-mailbox': 'Support mailbox',
    'pqrsa-mailbox': 'PQRSA mailbox',
    'p1-line': 'P1 line (24/7)',
  },
  duration: {
    days: (n) => plural('en', n, { one: '# day', other: '# days' }),
    hours: (n) => plural('en', n, { one: '# hour', other: '# hours' }),
  },
  sections: {
    subject: 'Subject',
    description: 'Description',
    reasons: 'Why it came here',
    history: 'History',
    answer: 'Answer',
  },
  staff: {
    tags: {
      critical: 'CRITICAL · P1 line',
      escalation: (level) => `ESCALATED TO LEVEL ${level}`,
      reminder: (n) => `REMINDER: ${daysLeft(n)}`,
      completed: 'REQUEST COMPLETED',
    },
    titles: {
      routed: (id) => `New request ${id}`,
      escalation: (id, level) => `Request ${id} escalated to level ${level}`,
      reminder: (id) => `Reminder: PQRSA ${id} unanswered`,
      completed: (id) => `The requester completed request ${id}`,
    },
    alerts: {
      escalated: (level, levelName, note) =>
        `This request was escalated to level ${level} (${levelName}): ${note}`,
      reminder: (n, due) =>
        `${plural('en', n, { one: '# business day is', other: '# business days are' })} left before the legal deadline (${due}) and the PQRSA is still unanswered.`,
      critical: (p1Line, level, levelName) =>
        `Critical incident outside support hours: the requester was sent to the P1 line ${p1Line}. ` +
        `Level ${level} (${levelName}) is on it.`,
      completed: (due) =>
        `The requester answered the request for information: the legal term resumes and ends on ${due}. Their answer is below.`,
    },
    bounced:
      "Note: mail to the requester bounced; reach them by phone if they gave one, or through the document's details.",
    consent: (policyVersion, acceptedAt) => `Ley 1581 de 2012, policy ${policyVersion}, ${acceptedAt}`,
    actions: {
      acknowledge: 'Acknowledge',
      resolve: 'Resolve',
      requestInfo: 'Ask to complete the request',
      erase: "Erase the data subject's data",
    },
    footer: {
      links: (lifetime) =>
        `The acknowledge and resolve links work once, for this level, and expire in ${lifetime}; they ask for confirmation before acting.`,
      reply:
        'Reply to this e-mail to answer the requester through the router: the answer reaches them from the request, with its reference number, and is kept in the history.',
      commands:
        'Start the reply with #nota to leave an internal note only (never sent to the requester), or with #resolver to resolve the request with your reply as the final answer.',
      automatic: "Automatic message from Certicámara's request router.",
    },
  },
  pages: {
    critical: {
      subject: (p) => `${p.priority} ${p.id} ${p.product}: critical incident, P1 line`,
      lines: (p) => [
        `Critical incident ${p.id} (${p.product}, ${p.priority}) outside support hours.`,
        `Received: ${p.received}`,
        `Level ${p.level}: ${p.levelName}.`,
        `First response before: ${p.firstResponse}`,
        `The requester was sent to the P1 line ${p.p1Line}. Details at ${p.mailbox}.`,
      ],
    },
    escalated: {
      subject: (p) => `${p.priority} ${p.id} ${p.product}: escalated to level ${p.level}`,
      lines: (p) => [
        `Request ${p.id} (${p.product}, ${p.priority}) escalated to level ${p.level}: ${p.levelName}.`,
        `Received: ${p.received}`,
        `Status: ${p.status}. Details at ${p.mailbox}.`,
      ],
    },
  },
  requester: {
    statusLink: 'See the status of your request',
    claimInProgress: 'Claim in progress (reclamo en trámite)',
    reply:
      'You can reply to this e-mail to add information to your request: your reply is recorded with it and reaches the team handling it.',
    acknowledgement: {
      subject: (id) => `Reference ${id}: we received your request`,
      preheader: (id) => `Your reference number is ${id}.`,
      title: 'We received your request',
      intro: (id) =>
        `Hello. Your request was filed under reference number ${id}; keep it for any follow-up. If you did not send it, ignore this message.`,
      callP1: (line) => `If the incident is critical, call the P1 line now: ${line} (24/7).`,
      callPhone: (phone, options) =>
        `If you need attention right away, call ${phone}${options.map((o) => `, option ${o}`).join('')}.`,
      phoneClosed: (mailbox) => `The phone line is closed now; we will answer from ${mailbox}.`,
      privacy: (policyVersion, notice) =>
        `We process your personal data under Ley 1581 de 2012 and our personal-data policy (version ${policyVersion}${notice ? `; privacy notice ${notice}` : ''}).`,
    },
    resolution: {
      subject: (id) => `Reference ${id}: your request was resolved`,
      preheader: (id) => `The answer to your request ${id}.`,
      title: 'Your request was resolved',
      intro: (id) => `Hello. We resolved your request ${id}. This is the answer:`,
      footer: 'If this does not resolve your request, tell us by replying to this e-mail.',
      appeal: (id, formUrl) =>
        `If you disagree with the answer, you may file an appeal at ${formUrl} (type "Appeal"), quoting the reference number ${id}.`,
      authority:
        'If your request is a consumer complaint or claim, or concerns your personal data (after your inquiry or claim with us), you may also turn to the Superintendencia de Industria y Comercio: www.sic.gov.co.',
    },
    handling: {
      subject: (id) => `Reference ${id}: your request is being handled`,
      preheader: (id) => `Who handles your request ${id}.`,
      title: 'Your request is being handled',
      intro: (id, role, level) =>
        `Hello. Your request ${id} is being handled by ${role} (support level ${level}).`,
      mailbox: "Team's e-mail",
    },
    lookup: {
      subject: 'Links to your open requests',
      preheader: 'The links to your open requests.',
      title: 'Your open requests',
      intro: (n) =>
        `Someone (we hope you) asked for the links to the open requests of this address. ${plural('en', n, { one: 'There is #:', other: 'There are #:' })}`,
      footer: 'If you did not ask for this, you can ignore it: the links are only ever sent to this address.',
    },
    export: {
      subject: 'A copy of your data in our requests',
      preheader: 'What we hold about you in your requests.',
      title: 'Your data in our requests',
      intro: (n) =>
        `Someone (we hope you) asked for a copy of the data we hold for this address in our requests. ${plural('en', n, { one: 'There is # request:', other: 'There are # requests:' })}`,
      footer:
        'If you did not ask for this, write to us: this copy is only ever sent to this address. To correct or erase your data, make a request of type "Personal data claim".',
      labels: {
        subject: 'Subject',
        description: 'Description',
        name: 'Name',
        email: 'E-mail',
        phone: 'Phone',
        document: 'Document',
        consent: (version, at) => `Consent to data processing: policy ${version}, ${at}`,
        history: 'History',
      },
    },
  },
  actionPages: {
    problems: {
      invalid: {
        title: 'Invalid link',
        text: 'This link is incomplete or was changed. Use the link exactly as it came in the e-mail; nothing was changed.',
      },
      expired: {
        title: 'Expired link',
        text: 'This link has expired; nothing was changed. Use the link of a more recent e-mail about the request.',
      },
      used: {
        title: 'Link already used',
        text: 'This link was used once already and does not work again; nothing was changed.',
      },
      'not-found': {
        title: 'Request not found',
        text: 'We could not find the request of this link; nothing was changed.',
      },
    },
    actions: {
      acknowledge: {
        title: 'Acknowledge',
        button: 'Confirm the acknowledgement',
        done: 'Acknowledgement recorded',
      },
      resolve: { title: 'Resolve', button: 'Confirm and send the answer', done: 'Request resolved' },
      extend: { title: 'Extend the term', button: 'Confirm the extension', done: 'Term extended' },
      'request-info': {
        title: 'Ask for the request to be completed',
        button: 'Confirm and send the request for information',
        done: 'Request for information sent',
      },
      erase: {
        title: "Erase the data subject's data",
        button: 'Confirm the erasure and send the answer',
        done: 'Erasure applied',
      },
    },
    outcome: {
      acknowledge: 'The first-response deadline stopped; the request stays open until it is resolved.',
      resolve: 'The request is closed and the requester will receive the answer by e-mail.',
      extend:
        'The legal term is extended and the requester will receive the reasons and the new date by e-mail.',
      'request-info':
        'The legal term is suspended and the requester will receive by e-mail what is missing; it resumes when they answer.',
      erase:
        "The data subject's personal data was erased from their closed requests (but those kept), the claim is resolved and they will receive the answer by e-mail.",
    },
    nothingChanged: 'Nothing was changed',
    alreadyClosed: (status) => `The request is already "${status}": there is nothing to confirm.`,
    nameLabel: 'Your name (optional; it stays in the history)',
    noteLabel: 'Answer for the requester (sent by e-mail)',
    summary: {
      radicado: 'Reference number',
      subject: 'Subject',
      priority: 'Priority',
      status: 'Status',
      level: 'Current level',
      received: 'Received',
      sentTo: 'Link sent to',
      expires: 'Link expires',
    },
    recipient: (to, level) => `${to} (level ${level})`,
  },
  extension: {
    staffLink: 'Extend the term',
    reasonsLabel: 'Reasons for the extension (sent to the requester)',
    dueDateLabel: (current, max) =>
      `New due date (a business day; the term ends at that day's legal time). Now due: ${current}; at most: ${max}`,
    fields: { reasons: 'Reasons', dueDate: 'New date' },
    requester: {
      subject: (id) => `Extension of the term of your request ${id}`,
      preheader: (id) => `Your request ${id} has a new answer date.`,
      title: 'Extension of the answer term',
      intro: (id, when, basis) =>
        `We cannot answer your request ${id} within the initial term, and have extended it (${basis}): we will answer by ${when} at the latest. These are the reasons:`,
      newDue: 'New answer date',
      reasons: 'Reasons for the extension',
      footer: 'The law allows the term to be extended only once. You can follow your request at the link.',
    },
  },
  conversation: {
    staffReply: {
      subject: (id) => `Reply to your request ${id}`,
      preheader: (id) => `You have a reply about your request ${id}.`,
      title: 'Reply to your request',
      intro: (id, role, level) => `${role} (level ${level}) replied to your request ${id}:`,
      message: 'Reply',
      footer:
        'You can reply to this e-mail: your answer is added to the request and reaches the team handling it.',
    },
    requesterReply: {
      tag: 'REQUESTER REPLIED',
      title: (id) => `The requester replied about ${id}`,
      alert: (reopened) =>
        reopened
          ? 'The requester replied to a closed request and it was reopened: it has a new resolution target.'
          : 'The requester replied; their message is below.',
      message: "The requester's message",
    },
  },
  suppression: {
    intro: (n) =>
      `The personal data of ${plural('en', n, { one: "# of the data subject's closed requests", other: "# of the data subject's closed requests" })} will be erased (name, e-mail, phone, document, subject, description and texts people wrote); they stay anonymised for statistics. Tick those a legal or contractual duty requires keeping. This claim is kept as the record of the answer.`,
    closedLegend: "The data subject's closed requests",
    keepLabel: (id) => `Keep ${id} (legal or contractual duty)`,
    keepReasonLabel:
      'The legal or contractual duty that requires keeping those ticked (recorded in the history)',
    open: (ids) => `Open, they keep their data while they are handled: ${ids}.`,
    answerLabel: 'Answer for the data subject (sent by e-mail)',
    fields: { keepReason: 'Duty to keep' },
  },
  completion: {
    whatLabel: 'What is missing and why (sent to the requester)',
    bounds: (askBy, daysLeft, answerDue) =>
      `It may be asked until ${askBy}. The legal term is suspended with ${daysLeft} business days to run; the requester has until ${answerDue} to complete the request, or it is withdrawn.`,
    fields: { what: 'What is missing' },
    answer: "The requester's answer",
    request: {
      subject: (id) => `Please complete your request ${id}`,
      preheader: (id) => `We need more information to handle your request ${id}.`,
      title: 'Please complete your request',
      intro: (id, answerDue, basis) =>
        `To handle your request ${id} we need what is set out below (${basis}). Meanwhile the term to answer you is suspended; it resumes when you answer. You have until ${answerDue}; you can ask once for more time on your request's page.`,
      asked: 'What we need',
      answerDue: 'Complete it by',
      footer:
        "Answer on your request's page (link above). If it is not completed in time, the request is considered withdrawn and you may file it again.",
    },
    withdrawal: {
      subject: (id) => `Your request ${id} is considered withdrawn`,
      preheader: (id) => `Request ${id} was closed because it was not completed in time.`,
      title: 'Request withdrawn',
      intro: (id, deadline, basis) =>
        `We asked you to complete your request ${id} and the time to do so ended on ${deadline} without an answer. Under ${basis}, the request is therefore considered withdrawn and was closed.`,
      footer: (formUrl) => `You may file it again at any time, with the complete information, at ${formUrl}.`,
    },
  },
};
