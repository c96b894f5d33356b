import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { ApiCommand } from '../common/api-command.decorator.js';
import { CommandAnswer } from '../common/command-answer.js';
import { EmptyBodyDto } from '../common/empty-body.dto.js';
import { UuidParam } from '../common/uuid-param.js';
import { Ctx, type RequestContext } from '../write-model/request-context.js';
import { PlaceOrderDto, RegisterConnectionApplicationDto, RejectOrderDto } from './dto/order.dto.js';
import { ChangeOrder } from './order-command.handler.js';

const STANDING = ['NOT_A_MEMBER', 'ORGANIZATION_NOT_FOUND', 'ORGANIZATION_HEADLESS', 'AGREEMENT_TERMINATED'];
const PENDING = ['ORDER_NOT_FOUND', 'ORDER_NOT_PENDING', 'ORDER_LAPSED'];

/** Orders, connection applications and their attestation (R-ORD-1…5): every rule is the domain's. */
@ApiTags('orders')
@ApiBearerAuth()
@Controller('v1/organizations/:org')
export class OrdersController {
  constructor(private readonly commands: CommandBus) {}

  @Post('orders')
  @ApiCommand({
    summary: 'Place an order for a service (orderer) or an agent assignment (agent-orderer); an attestant must approve it.',
    events: ['OrderPlaced'],
    errors: [...STANDING, 'ROLE_REQUIRED', 'UNKNOWN_SERVICE', 'ALREADY_SUBSCRIBED'],
  })
  place(@UuidParam('org') org: string, @Body() body: PlaceOrderDto, @Ctx() ctx: RequestContext): Promise<CommandAnswer> {
    const orderId = randomUUID();
    const command = { type: 'PlaceOrder' as const, orderId, service: body.service, kind: body.kind, note: body.note };
    return this.commands.execute(new ChangeOrder(org, command, ctx, orderId));
  }

  @Post('connection-applications')
  @ApiCommand({
    summary: 'Register a customer’s application to connect to the agent’s service (case-handler-agent); an attestant at the agent approves it through the order attestation route.',
    events: ['OrderPlaced'],
    errors: [...STANDING, 'ROLE_REQUIRED', 'UNKNOWN_SERVICE', 'SERVICE_NOT_SUBSCRIBED', 'INVALID_INPUT'],
  })
  registerApplication(
    @UuidParam('org') org: string,
    @Body() body: RegisterConnectionApplicationDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CommandAnswer> {
    const orderId = randomUUID();
    const command = {
      type: 'RegisterConnectionApplication' as const,
      orderId,
      service: body.service,
      applicantOrganizationId: body.applicantOrganizationId,
      note: body.note,
    };
    return this.commands.execute(new ChangeOrder(org, command, ctx, orderId));
  }

  @Post('orders/:order/attestation')
  @ApiCommand({
    summary: 'Attest an order or application (attestant, never the orderer); an attested service order subscribes the organization.',
    events: ['OrderAttested', 'ServiceSubscribed'],
    errors: [...STANDING, ...PENDING, 'SAME_PERSON_ATTESTATION', 'ROLE_REQUIRED'],
    status: 200,
  })
  attest(
    @UuidParam('org') org: string,
    @UuidParam('order') order: string,
    @Body() _body: EmptyBodyDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeOrder(org, { type: 'AttestOrder', orderId: order }, ctx));
  }

  @Post('orders/:order/rejection')
  @ApiCommand({
    summary: 'Reject an order or application with a reason (attestant).',
    events: ['OrderRejected'],
    errors: [...STANDING, ...PENDING, 'ROLE_REQUIRED', 'REASON_REQUIRED'],
    status: 200,
  })
  reject(
    @UuidParam('org') org: string,
    @UuidParam('order') order: string,
    @Body() body: RejectOrderDto,
    @Ctx() ctx: RequestContext,
  ): Promise<CommandAnswer> {
    return this.commands.execute(new ChangeOrder(org, { type: 'RejectOrder', orderId: order, reason: body.reason }, ctx));
  }
}
